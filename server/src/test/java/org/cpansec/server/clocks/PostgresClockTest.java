package org.cpansec.server.clocks;

import org.cpansec.server.PostgresServer;

/** The disclosure clock on this JVM's PostgreSQL database. */
@PostgresServer
class PostgresClockTest extends ClockContractTest {}
