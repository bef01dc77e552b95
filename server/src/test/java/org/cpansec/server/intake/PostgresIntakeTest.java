package org.cpansec.server.intake;

import org.cpansec.server.PostgresServer;

/** Intake on a fresh PostgreSQL database. */
@PostgresServer
class PostgresIntakeTest extends IntakeContractTest {}
