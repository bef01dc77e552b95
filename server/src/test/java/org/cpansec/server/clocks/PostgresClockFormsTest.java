package org.cpansec.server.clocks;

import org.cpansec.server.PostgresServer;

/** The clock's forms on this JVM's PostgreSQL database. */
@PostgresServer
class PostgresClockFormsTest extends ClockFormsContractTest {}
