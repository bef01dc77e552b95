package org.cpansec.server.audit;

import org.cpansec.server.cases.H2Cases;

/** The audit log on H2. */
@H2Cases
class H2AuditTest extends AuditContractTest {}
