package org.cpansec.server.cases;

/** The access rule on H2. */
@H2Cases
class H2AccessTest extends AccessContractTest {}
