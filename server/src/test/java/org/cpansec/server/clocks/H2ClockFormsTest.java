package org.cpansec.server.clocks;

import org.cpansec.server.H2Server;

/** The clock's forms on an H2 file database. */
@H2Server
class H2ClockFormsTest extends ClockFormsContractTest {}
