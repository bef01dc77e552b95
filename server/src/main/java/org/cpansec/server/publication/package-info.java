/**
 * Publication and what follows it (issue 9; CPANSEC-PROCESS.md §8, §9): one "publish" action per
 * case that runs the steps the platform can do — the fix patch published under {@code /patches/},
 * the advisory in the database and every feed, the CVE record at CVE Services, the announcement to
 * the cve-announce list, the forwards to the maintainers and the reporter, and the case's state —
 * each step recorded ({@code publication_step}), never redone once done, and retryable; the §9
 * update of a published record; and disputes (received, acknowledged, decided, communicated).
 *
 * <p>Depends on {@code cases} (the access rule, state moves, attachments), {@code record} (the
 * saved CNA YAML and its check), core's CVE JSON builder, announcement and CVE JSON 5 reader,
 * {@code store.AdvisoryCatalog} (the CNA's own advisories), {@code cveservices} and {@code cveid}
 * (the CVE Services client, the pool), {@code mail} (templates and the idempotent outbox), {@code
 * clocks} (the dispute and its acknowledgement deadline) and {@code audit}. Tables: migration V18.
 */
package org.cpansec.server.publication;
