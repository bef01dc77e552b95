/**
 * Disclosure clocks (CPANSEC-PROCESS.md §4 and §9): the planned disclosure date of a case
 * (maintainer contact + the embargo, extensions, coordinated dates shared by several cases,
 * "already public"), the abandoned / unresponsive maintainer rules, business days in the configured
 * time zone, what is due and overdue ({@link org.cpansec.server.clocks.Deadlines}), and the
 * reminder job that mails assignees once per deadline (through mail.MailService), serialised across
 * replicas by a database lock (ShedLock, configured here for every scheduled job that must run on
 * one replica at a time) and made once-only by a unique row. Who may see or change a clock is the
 * workspace's rule, {@link org.cpansec.server.cases.CaseAccess}; every read and change is written
 * to {@link org.cpansec.server.audit.AuditLog}.
 *
 * <p>The rules ({@link org.cpansec.server.clocks.ClockRules}, {@link
 * org.cpansec.server.clocks.BusinessCalendar}) are plain Java over a {@link java.time.Clock}; the
 * rest uses Spring JDBC on the V6 case tables and this package's own tables (V12).
 */
package org.cpansec.server.clocks;
