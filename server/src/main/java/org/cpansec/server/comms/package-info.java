/**
 * Talking to maintainers and seeing what is due (CPANSEC-PROCESS.md §4; issue 9, and the dashboard
 * of issue 8): the "contact the maintainer" mail with its private link, extensions a maintainer
 * asks for through that link and CNA members grant or refuse, "already public", who a case is
 * assigned to, and the workspace dashboard {@code /cna}.
 *
 * <p>This package wires others together and keeps few tables of its own (V17): mails go through
 * {@link org.cpansec.server.mail.MailService}, links through {@link
 * org.cpansec.server.cases.ExternalGrants}, dates through {@link
 * org.cpansec.server.clocks.DisclosureClock}, CVE IDs through {@link
 * org.cpansec.server.cveid.CveIdPool}, and every case is checked with {@link
 * org.cpansec.server.cases.CaseAccess}. Its panels appear on the cases package's pages through
 * {@link org.cpansec.server.comms.CasePageInterceptor}, which adds them to the model of the case
 * page, the case list and the external view after their controllers have checked access.
 */
package org.cpansec.server.comms;
