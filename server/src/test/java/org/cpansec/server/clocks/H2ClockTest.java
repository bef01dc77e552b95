package org.cpansec.server.clocks;

import org.cpansec.server.H2Server;

/** The disclosure clock on an H2 file database. */
@H2Server
class H2ClockTest extends ClockContractTest {}
