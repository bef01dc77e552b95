package org.cpansec.server.record;

import org.cpansec.server.PostgresServer;
import org.springframework.context.annotation.Import;

/** The record editor on a fresh PostgreSQL database. */
@PostgresServer
@Import(RecordTestMember.class)
class PostgresRecordTest extends RecordContractTest {}
