package org.cpansec.server.clocks;

import org.cpansec.server.PostgresServer;

/** Reminders on this JVM's PostgreSQL database. */
@PostgresServer
class PostgresReminderTest extends ReminderContractTest {}
