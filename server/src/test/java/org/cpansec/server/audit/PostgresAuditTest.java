package org.cpansec.server.audit;

import org.cpansec.server.cases.PostgresCases;

/** The audit log on PostgreSQL. */
@PostgresCases
class PostgresAuditTest extends AuditContractTest {}
