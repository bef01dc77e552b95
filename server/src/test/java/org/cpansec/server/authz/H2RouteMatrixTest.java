package org.cpansec.server.authz;

import org.cpansec.server.cases.H2Cases;

/** The authorization matrix on H2. */
@H2Cases
class H2RouteMatrixTest extends RouteMatrixContractTest {}
