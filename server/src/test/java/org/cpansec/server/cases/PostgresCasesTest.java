package org.cpansec.server.cases;

/** The case services on PostgreSQL. */
@PostgresCases
class PostgresCasesTest extends CasesContractTest {}
