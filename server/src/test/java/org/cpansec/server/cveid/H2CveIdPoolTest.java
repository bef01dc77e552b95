package org.cpansec.server.cveid;

/** The CVE ID pool on an H2 file database. */
@H2CveIdServer
class H2CveIdPoolTest extends CveIdPoolContractTest {}
