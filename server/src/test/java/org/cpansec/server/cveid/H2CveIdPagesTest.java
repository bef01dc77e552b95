package org.cpansec.server.cveid;

/** The pool's pages on an H2 file database. */
@H2CveIdServer
class H2CveIdPagesTest extends CveIdPagesContractTest {}
