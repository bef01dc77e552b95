/**
 * Outgoing mail: versioned templates with a small placeholder language ({@link
 * org.cpansec.server.mail.MailTemplates}, {@link org.cpansec.server.mail.PlaceholderTemplate}),
 * {@link org.cpansec.server.mail.MailService} to send a mail by purpose with an idempotency key,
 * the {@code outbox} table as a durable queue delivered over SMTP at most once per row with
 * back-off, DKIM signing ({@link org.cpansec.server.mail.DkimSigner}), OpenPGP encryption to
 * recipients' keys as PGP/MIME and refusal for sensitive cases, and {@link
 * org.cpansec.server.mail.PgpDecryptor} for what is sent to the platform encrypted. Mail is off
 * when no SMTP host is configured; queued rows then wait.
 *
 * <p>Depends on Spring JDBC, Spring's mail support, Bouncy Castle and the server's configuration;
 * reads {@code cna_case.sensitive} and knows nothing else of cases or reports beyond their ids. The
 * admin pages read the signed-in member from {@code account.CurrentMember}.
 */
package org.cpansec.server.mail;
