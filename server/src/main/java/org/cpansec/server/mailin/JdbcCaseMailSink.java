package org.cpansec.server.mailin;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import org.cpansec.server.intake.Attachment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Keeps mail for a case in {@code case_inbound_mail} (and its files in {@code
 * case_inbound_attachment}), for the case pages to show, until the cases package turns such mail
 * into comments.
 *
 * <p>A mail is taken only when the case exists and its sender is a party to the case: a member of
 * the workspace, the reporter of the case's report, or the holder of an unrevoked grant on the case
 * (maintainer, perl security team) — compared by address, case-insensitively. Anything else is
 * refused exactly like an unknown reference, so mail cannot be used to probe which cases exist, nor
 * to write into a case one is no party to.
 */
@Repository
public class JdbcCaseMailSink implements CaseMailSink {
  private static final int MAX_SUBJECT = 1000;

  private final JdbcClient jdbc;

  public JdbcCaseMailSink(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean appendToCase(String reference, InboundMail mail) {
    Optional<Long> caseId = caseFor(reference, mail.from());
    if (caseId.isEmpty()) {
      return false;
    }
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO case_inbound_mail (case_id, message_id, sender, sender_name, subject,"
                + " body, notes, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            caseId.get(),
            Sizes.clip(mail.messageId(), 1000),
            mail.from(),
            mail.fromName(),
            Sizes.clip(mail.subject(), MAX_SUBJECT),
            mail.text(),
            mail.notes().isEmpty() ? null : String.join("\n", mail.notes()),
            mail.receivedAt())
        .update(keys);
    long mailId = Ids.generated(keys);
    for (Attachment a : mail.attachments()) {
      jdbc.sql(
              "INSERT INTO case_inbound_attachment (mail_id, file_name, content_type, size_bytes,"
                  + " content) VALUES (?, ?, ?, ?, ?)")
          .params(mailId, a.fileName(), a.contentType(), a.size(), a.content())
          .update();
    }
    return true;
  }

  /** The case's id, when it exists and the sender is one of its parties. */
  Optional<Long> caseFor(String reference, String sender) {
    String address = sender.strip().toLowerCase(Locale.ROOT);
    return jdbc.sql(
            "SELECT c.id FROM cna_case c WHERE c.reference = ? AND ("
                + " EXISTS (SELECT 1 FROM member_account m WHERE m.enabled AND LOWER(m.email) = ?)"
                + " OR EXISTS (SELECT 1 FROM report r WHERE r.id = c.report_id"
                + "   AND LOWER(r.reporter_email) = ?)"
                + " OR EXISTS (SELECT 1 FROM case_grant g WHERE g.case_id = c.id"
                + "   AND g.revoked_at IS NULL AND LOWER(g.email) = ?))")
        .params(reference, address, address, address)
        .query(Long.class)
        .optional();
  }

  /** The mails kept for a case, oldest first (for tests and, later, the case pages). */
  public java.util.List<Kept> mailsOf(long caseId) {
    return jdbc.sql(
            "SELECT id, message_id, sender, subject, body, notes, received_at FROM"
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
                    rs.getObject(7, OffsetDateTime.class)))
        .list();
  }

  /** A mail kept for a case. */
  public record Kept(
      long id,
      String messageId,
      String sender,
      String subject,
      String body,
      String notes,
      OffsetDateTime receivedAt) {}
}
