package org.cpansec.server.store;

import org.cpansec.server.H2Server;

/** The store on an H2 file database. */
@H2Server
class H2AdvisoryStoreTest extends AdvisoryStoreContractTest {}
