package org.cpansec.server.cpanindex;

import org.cpansec.server.PostgresServer;

/** "Fill from CPAN index" on this JVM's PostgreSQL database. */
@PostgresServer
class PostgresCaseBlastRadiusTest extends CaseBlastRadiusContractTest {}
