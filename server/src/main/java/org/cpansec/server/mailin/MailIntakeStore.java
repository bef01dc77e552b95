package org.cpansec.server.mailin;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cpansec.server.intake.ReportKind;
import org.cpansec.server.intake.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Mail intake's tables ({@code mail_intake_message}, {@code mail_quarantine}, {@code
 * mail_encrypted}) and the reports it writes into {@code report}. Writes run in the caller's
 * transaction.
 */
@Repository
public class MailIntakeStore {
  private static final int MAX_SUBJECT = 1000;
  private static final int MAX_REASON = 2000;

  private final JdbcClient jdbc;

  public MailIntakeStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What became of a message. */
  public enum Outcome {
    /** A new report. */
    REPORT,
    /** A comment on the case its subject named, from a party to that case. */
    CASE_MAIL,
    /**
     * A report that says the mail is encrypted and could not be decrypted (with the reason); the
     * raw message is kept for decryption.
     */
    ENCRYPTED,
    /** Not taken in; the raw message is kept with the reason. */
    QUARANTINED,
    /** Not taken in, on purpose (e.g. mail this platform sent itself). */
    IGNORED
  }

  /** One row of {@code mail_intake_message}, as written. */
  record Seen(
      String dedupeKey,
      String messageId,
      String sender,
      String subject,
      OffsetDateTime receivedAt,
      OffsetDateTime processedAt,
      Outcome outcome,
      String reason,
      Long reportId,
      Long caseId) {}

  /** A report made from a mail. */
  record MailReport(
      ReportKind kind,
      TrackingToken token,
      String details,
      String context,
      String reporterName,
      String reporterEmail,
      boolean withholdIdentity,
      boolean secretWarning,
      OffsetDateTime at) {}

  /** A quarantined or encrypted message as the admin page lists it. */
  public record Held(
      long id,
      OffsetDateTime receivedAt,
      String sender,
      String subject,
      String reason,
      long sizeBytes,
      Long reportId,
      int duplicates) {
    public String size() {
      return Sizes.human(sizeBytes);
    }
  }

  public boolean exists(String dedupeKey) {
    return jdbc.sql("SELECT COUNT(*) FROM mail_intake_message WHERE dedupe_key = ?")
            .param(dedupeKey)
            .query(Integer.class)
            .single()
        > 0;
  }

  /** Counts another copy of a message already taken in. */
  public void countDuplicate(String dedupeKey, OffsetDateTime at) {
    jdbc.sql(
            "UPDATE mail_intake_message SET duplicates = duplicates + 1, last_duplicate_at = ?"
                + " WHERE dedupe_key = ?")
        .params(at, dedupeKey)
        .update();
  }

  /** Records a message; fails with a duplicate key when another poller recorded it first. */
  long record(Seen s) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO mail_intake_message (dedupe_key, message_id, sender, subject,"
                + " received_at, processed_at, outcome, reason, report_id, case_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            s.dedupeKey(),
            Sizes.clip(s.messageId(), 1000),
            Sizes.clip(s.sender(), 320),
            Sizes.clip(s.subject(), MAX_SUBJECT),
            s.receivedAt(),
            s.processedAt(),
            s.outcome().name(),
            Sizes.clip(s.reason(), MAX_REASON),
            s.reportId(),
            s.caseId())
        .update(keys);
    return Ids.generated(keys);
  }

  void quarantine(long row, String reason, byte[] raw, OffsetDateTime at) {
    jdbc.sql(
            "INSERT INTO mail_quarantine (message_row, reason, raw, size_bytes, quarantined_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(row, Sizes.clip(reason, MAX_REASON), raw, (long) raw.length, at)
        .update();
  }

  /**
   * Keeps an encrypted message as it arrived: waiting for decryption ({@code decryptedAt} null), or
   * decrypted on receipt (then taken in as the report or case comment its clear form became).
   */
  void keepEncrypted(
      long row, Long reportId, String scheme, byte[] raw, OffsetDateTime decryptedAt) {
    jdbc.sql(
            "INSERT INTO mail_encrypted (message_row, report_id, scheme, raw, size_bytes,"
                + " decrypted_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(row, reportId, scheme, raw, (long) raw.length, decryptedAt)
        .update();
  }

  /** Stores a report that came by mail; returns its id. */
  long saveReport(MailReport r) {
    jdbc.sql(
            "INSERT INTO report (kind, token_hash, status, details, context, reporter_name,"
                + " reporter_email, wants_credit, withhold_identity, secret_warning, created_at)"
                + " VALUES (?, ?, 'REPORTED', ?, ?, ?, ?, FALSE, ?, ?, ?)")
        .params(
            r.kind().name(),
            r.token().hash(),
            r.details(),
            r.context(),
            Sizes.clip(r.reporterName(), 200),
            r.reporterEmail(),
            r.withholdIdentity(),
            r.secretWarning(),
            r.at())
        .update();
    return jdbc.sql("SELECT id FROM report WHERE token_hash = ?")
        .param(r.token().hash())
        .query(Long.class)
        .single();
  }

  Optional<Long> caseId(String reference) {
    return jdbc.sql("SELECT id FROM cna_case WHERE reference = ?")
        .param(reference)
        .query(Long.class)
        .optional();
  }

  /** Quarantined messages, newest first. */
  public List<Held> quarantined(int limit) {
    return jdbc.sql(
            "SELECT m.id, m.received_at, m.sender, m.subject, q.reason, q.size_bytes,"
                + " m.report_id, m.duplicates FROM mail_quarantine q"
                + " JOIN mail_intake_message m ON m.id = q.message_row ORDER BY m.id DESC LIMIT ?")
        .param(limit)
        .query(Held.class)
        .list();
  }

  /** Encrypted messages not yet decrypted, newest first. */
  public List<Held> encrypted(int limit) {
    return jdbc.sql(
            "SELECT m.id, m.received_at, m.sender, m.subject, e.scheme AS reason, e.size_bytes,"
                + " e.report_id, m.duplicates FROM mail_encrypted e"
                + " JOIN mail_intake_message m ON m.id = e.message_row"
                + " WHERE e.decrypted_at IS NULL ORDER BY m.id DESC LIMIT ?")
        .param(limit)
        .query(Held.class)
        .list();
  }

  /** The raw bytes of a quarantined or encrypted message. */
  public Optional<byte[]> raw(long row) {
    Optional<byte[]> q =
        jdbc.sql("SELECT raw FROM mail_quarantine WHERE message_row = ?")
            .param(row)
            .query((rs, n) -> rs.getBytes(1))
            .optional();
    if (q.isPresent()) {
      return q;
    }
    return jdbc.sql("SELECT raw FROM mail_encrypted WHERE message_row = ?")
        .param(row)
        .query((rs, n) -> rs.getBytes(1))
        .optional();
  }

  /** How many messages had each outcome, every outcome listed. */
  public Map<Outcome, Integer> outcomes() {
    Map<Outcome, Integer> counts = new LinkedHashMap<>();
    for (Outcome o : Outcome.values()) {
      counts.put(o, 0);
    }
    jdbc.sql("SELECT outcome, COUNT(*) FROM mail_intake_message GROUP BY outcome")
        .query((rs, n) -> Map.entry(Outcome.valueOf(rs.getString(1)), rs.getInt(2)))
        .list()
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  /** Copies seen again and ignored, over all messages. */
  public long duplicates() {
    return jdbc.sql("SELECT COALESCE(SUM(duplicates), 0) FROM mail_intake_message")
        .query(Long.class)
        .single();
  }
}
