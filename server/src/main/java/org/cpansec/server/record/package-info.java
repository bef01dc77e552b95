/**
 * The case's CVE record editor (issue 8): the CNA YAML of each CVE ID a case holds, every saved
 * version kept with what the check found in it, live validation and lint from core ({@code
 * org.cpansec.cve}), and previews of the CVE JSON 5 record and the announcement text.
 *
 * <p>Depends on core's record reader, lint, CVE JSON builder and announcement; on {@code
 * cases.CaseAccess} (who sees a case) and {@code audit.AuditLog}; on the pool's {@code cve_id}
 * table and {@code member_account}; on {@code account.CurrentMember}; and on {@code
 * store.AdvisoryCatalog} for the release lists the release lint rules read.
 */
package org.cpansec.server.record;
