package org.cpansec.server.mailin;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.cpansec.server.intake.Attachment;

/**
 * A message from the team mailbox, read and checked: who sent it, its subject and text, the
 * attachments kept within the limits, and notes on what was not kept (and why).
 *
 * @param messageId the Message-ID header, or null when the message has none
 * @param from the sender's address (From)
 * @param fromName the sender's display name, or null
 * @param subject the decoded subject, on one line (may be empty)
 * @param text the text body (text/plain parts, or the HTML part reduced to text)
 * @param receivedAt when the mailbox received it
 * @param attachments the files kept
 * @param notes what intake has to say about the message (dropped attachments, conversions)
 */
public record InboundMail(
    String messageId,
    String from,
    String fromName,
    String subject,
    String text,
    OffsetDateTime receivedAt,
    List<Attachment> attachments,
    List<String> notes) {

  public InboundMail {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(receivedAt, "receivedAt");
    subject = subject == null ? "" : subject;
    attachments = List.copyOf(attachments);
    notes = List.copyOf(notes);
  }
}
