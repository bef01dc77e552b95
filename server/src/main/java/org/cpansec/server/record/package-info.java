/**
 * The case's CVE record editor (issue 8): the CNA YAML of each CVE ID a case holds, every saved
 * version kept with what the check found in it, live validation and lint from core ({@code
 * org.cpansec.cve}), and previews of the CVE JSON 5 record and the announcement text.
 *
 * <p>Depends on core's record reader, lint, CVE JSON builder and announcement; on the V6 workspace
 * tables ({@code cna_case}, {@code case_assignee}, {@code cve_id}, {@code member_account}, {@code
 * audit_log}); on {@code account.CurrentMember}; and on {@code store.AdvisoryCatalog} for the
 * release lists the release lint rules read.
 */
package org.cpansec.server.record;
