package org.cpansec.server.cpanindex;

import org.cpansec.server.H2Server;

/** "Fill from CPAN index" on an H2 file database. */
@H2Server
class H2CaseBlastRadiusTest extends CaseBlastRadiusContractTest {}
