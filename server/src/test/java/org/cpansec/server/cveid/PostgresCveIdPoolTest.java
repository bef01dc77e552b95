package org.cpansec.server.cveid;

/** The CVE ID pool on this JVM's PostgreSQL database. */
@PostgresCveIdServer
class PostgresCveIdPoolTest extends CveIdPoolContractTest {}
