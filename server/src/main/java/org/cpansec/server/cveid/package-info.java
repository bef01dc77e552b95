/**
 * The CVE ID pool (CPANSEC-PROCESS.md §3): IDs reserved in advance at CVE Services, imported from a
 * file or the API, assigned to cases by the year rule, shared, published or rejected, never
 * reassigned once they have left the CNA; every step recorded in {@code cve_assignment}.
 */
package org.cpansec.server.cveid;
