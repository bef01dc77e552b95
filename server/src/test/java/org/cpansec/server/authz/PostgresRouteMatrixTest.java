package org.cpansec.server.authz;

import org.cpansec.server.cases.PostgresCases;

/** The authorization matrix on PostgreSQL. */
@PostgresCases
class PostgresRouteMatrixTest extends RouteMatrixContractTest {}
