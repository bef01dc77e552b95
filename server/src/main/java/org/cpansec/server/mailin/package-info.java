/**
 * Mail intake: the team mailbox polled over IMAP. A new message becomes a report (with its
 * attachments, and a receipt carrying the tracking link), or mail kept with a case when its subject
 * names one and the sender is a party to it; encrypted mail becomes a report that says so, with the
 * raw message kept; malformed mail is quarantined with the reason, for the admins. Every message is
 * recorded once (duplicates are counted), and flagged in the mailbox only after the database has
 * committed it.
 *
 * <p>Depends on the intake package (reports, attachments, tracking tokens), the mail package (the
 * outbox) and Jakarta Mail; owns migration V11.
 */
package org.cpansec.server.mailin;
