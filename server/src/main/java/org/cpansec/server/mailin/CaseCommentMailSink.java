package org.cpansec.server.mailin;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.cpansec.server.cases.CaseComments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Makes mail on a case a comment of the case, through {@link CaseComments#addFromMail}: the cases
 * package decides whether the sender is a party to the case (a member who may see it, or the holder
 * of an unrevoked link), writes the comment (marked as received by mail from that address) and the
 * case's attachments from the mail's files, and audits both as the sender. The mail as it arrived —
 * subject, Message-ID, the whole text, intake's notes — is kept in {@code case_inbound_mail},
 * linked to the comment.
 */
@Repository
public class CaseCommentMailSink implements CaseMailSink {
  private static final int MAX_SUBJECT = 1000;

  private final CaseComments comments;
  private final JdbcClient jdbc;

  public CaseCommentMailSink(CaseComments comments, JdbcClient jdbc) {
    this.comments = comments;
    this.jdbc = jdbc;
  }

  @Override
  public Optional<CaseComments.MailComment> appendToCase(String reference, InboundMail mail) {
    List<CaseComments.MailFile> files =
        mail.attachments().stream()
            .map(a -> new CaseComments.MailFile(a.fileName(), a.content()))
            .toList();
    Optional<CaseComments.MailComment> added =
        comments.addFromMail(
            reference,
            new CaseComments.IncomingMail(mail.from(), mail.text(), files, mail.notes()));
    added.ifPresent(
        c ->
            jdbc.sql(
                    "INSERT INTO case_inbound_mail (case_id, message_id, sender, sender_name,"
                        + " subject, body, notes, received_at, comment_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                    c.caseId(),
                    Sizes.clip(mail.messageId(), 1000),
                    mail.from(),
                    mail.fromName(),
                    Sizes.clip(mail.subject(), MAX_SUBJECT),
                    mail.text(),
                    mail.notes().isEmpty() ? null : String.join("\n", mail.notes()),
                    mail.receivedAt(),
                    c.commentId())
                .update());
    return added;
  }

  /** The mails kept for a case, oldest first (for tests and the admins). */
  public List<Kept> mailsOf(long caseId) {
    return jdbc.sql(
            "SELECT id, message_id, sender, subject, body, notes, received_at, comment_id FROM"
                + " case_inbound_mail WHERE case_id = ? ORDER BY id")
        .param(caseId)
        .query(
            (rs, n) ->
                new Kept(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getObject(7, OffsetDateTime.class),
                    rs.getObject(8, Long.class)))
        .list();
  }

  /** A mail kept for a case, with the comment made from it. */
  public record Kept(
      long id,
      String messageId,
      String sender,
      String subject,
      String body,
      String notes,
      OffsetDateTime receivedAt,
      Long commentId) {}
}
