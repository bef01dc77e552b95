package org.cpansec.server.cases;

/** The case services on H2. */
@H2Cases
class H2CasesTest extends CasesContractTest {}
