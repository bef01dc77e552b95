package org.cpansec.server.cases;

/** The access rule on PostgreSQL. */
@PostgresCases
class PostgresAccessTest extends AccessContractTest {}
