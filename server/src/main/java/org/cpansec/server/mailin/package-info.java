/**
 * Mail intake: the team mailbox polled over IMAP (on one replica at a time, under a ShedLock row).
 * A new message becomes a report (with its attachments, and a receipt carrying the tracking link),
 * or a comment of the case its subject names when the sender is a party to it (through the cases
 * package); OpenPGP mail to the platform's key is decrypted first; mail that cannot be decrypted
 * becomes a report that says so, with the raw message kept; malformed mail is quarantined with the
 * reason, for the admins. Every message is recorded once (duplicates are counted), and flagged in
 * the mailbox only after the database has committed it.
 *
 * <p>Depends on the intake package (reports, attachments, tracking tokens), the mail package (the
 * outbox, the platform's OpenPGP key), the cases package (comments, files, the access rule) and
 * Jakarta Mail; owns migrations V11 and V16.
 */
package org.cpansec.server.mailin;
