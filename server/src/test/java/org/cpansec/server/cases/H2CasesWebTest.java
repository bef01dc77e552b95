package org.cpansec.server.cases;

/** The workspace pages on H2. */
@H2Cases
class H2CasesWebTest extends CasesWebContractTest {}
