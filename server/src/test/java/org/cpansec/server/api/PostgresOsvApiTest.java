package org.cpansec.server.api;

import org.cpansec.server.PostgresServer;

/** The API on a fresh PostgreSQL database. */
@PostgresServer
class PostgresOsvApiTest extends OsvApiContractTest {}
