package org.cpansec.server.cpanindex;

import org.cpansec.server.PostgresServer;

/** The CPAN index on this JVM's PostgreSQL database. */
@PostgresServer
class PostgresCpanIndexTest extends CpanIndexContractTest {}
