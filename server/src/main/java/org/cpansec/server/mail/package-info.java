/**
 * Outgoing mail: the {@code outbox} table as a durable queue and the sender that delivers it over
 * SMTP, at most once per row, retrying failures with back-off. Mail is off when no SMTP host is
 * configured; queued rows then wait.
 *
 * <p>Depends on Spring JDBC, Spring's mail support and the server's configuration; knows nothing
 * about reports beyond the id a row refers to.
 */
package org.cpansec.server.mail;
