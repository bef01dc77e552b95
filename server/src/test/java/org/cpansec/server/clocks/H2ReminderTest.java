package org.cpansec.server.clocks;

import org.cpansec.server.H2Server;

/** Reminders on an H2 file database. */
@H2Server
class H2ReminderTest extends ReminderContractTest {}
