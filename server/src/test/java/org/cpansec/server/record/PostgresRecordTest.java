package org.cpansec.server.record;

import org.cpansec.server.PostgresServer;

/** The record editor on a fresh PostgreSQL database. */
@PostgresServer
class PostgresRecordTest extends RecordContractTest {}
