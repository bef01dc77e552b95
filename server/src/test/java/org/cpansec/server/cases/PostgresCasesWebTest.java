package org.cpansec.server.cases;

/** The workspace pages on PostgreSQL. */
@PostgresCases
class PostgresCasesWebTest extends CasesWebContractTest {}
