package org.cpansec.server.intake;

import org.cpansec.server.H2Server;

/** Intake on an H2 file database. */
@H2Server
class H2IntakeTest extends IntakeContractTest {}
