package org.cpansec.server.store;

import org.cpansec.server.PostgresServer;

/** The store on a fresh PostgreSQL database. */
@PostgresServer
class PostgresAdvisoryStoreTest extends AdvisoryStoreContractTest {}
