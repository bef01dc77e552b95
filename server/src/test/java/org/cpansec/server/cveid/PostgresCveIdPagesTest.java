package org.cpansec.server.cveid;

/** The pool's pages on this JVM's PostgreSQL database. */
@PostgresCveIdServer
class PostgresCveIdPagesTest extends CveIdPagesContractTest {}
