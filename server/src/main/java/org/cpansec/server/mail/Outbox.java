package org.cpansec.server.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code outbox} table as a queue. Claiming a row is one conditional UPDATE (QUEUED to
 * SENDING), so two senders — the request that queued it and the scheduled retry, or two server
 * replicas on one PostgreSQL — never both send the same row.
 *
 * <p>Statuses: {@code QUEUED} (waiting, possibly after a failure), {@code SENDING} (claimed),
 * {@code SENT}, {@code REFUSED} (must not be sent as it is; the reason in {@code last_error}).
 */
@Repository
public class Outbox {
  private static final int MAX_ERROR = 2000;
  private static final String SUMMARY =
      "SELECT id, created_at, purpose, case_id, report_id, status, attempts, last_error,"
          + " recipient, cc_recipients, subject, sent_at, idempotency_key FROM outbox";

  private final JdbcClient jdbc;
  private final Clock clock;

  public Outbox(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A row as the sender needs it. {@code sentParts}: deliveries already made (see V10). */
  public record Row(
      long id,
      List<String> to,
      List<String> cc,
      String subject,
      String body,
      int attempts,
      Long caseId,
      Set<String> sentParts) {
    /** The first To address, for logs. */
    public String recipient() {
      return to.get(0);
    }
  }

  /** A row as an overview shows it (no body). */
  public record Summary(
      long id,
      OffsetDateTime createdAt,
      String purpose,
      Long caseId,
      Long reportId,
      String status,
      int attempts,
      String lastError,
      List<String> to,
      List<String> cc,
      String subject,
      OffsetDateTime sentAt,
      String idempotencyKey) {}

  /** A mail to insert: refused when {@code refusal} is not null. */
  record NewMail(
      MailPurpose purpose,
      Long caseId,
      Long reportId,
      Recipients recipients,
      String subject,
      String body,
      int templateVersion,
      String idempotencyKey,
      String refusal) {}

  /** Queues a mail; runs inside the caller's transaction, so it commits with the report. */
  public long enqueue(QueuedMail mail, Long reportId) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO outbox (recipient, subject, body, created_at, report_id, next_attempt_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(mail.recipient(), mail.subject(), mail.body(), now(), reportId, now())
        .update(keys);
    return generatedId(keys);
  }

  /** Inserts a rendered mail; a duplicate idempotency key fails with DuplicateKeyException. */
  long insert(NewMail m) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO outbox (recipient, cc_recipients, subject, body, created_at, report_id,"
                + " case_id, purpose, template_version, idempotency_key, status, last_error,"
                + " next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            String.join(",", m.recipients().to()),
            m.recipients().cc().isEmpty() ? null : String.join(",", m.recipients().cc()),
            m.subject(),
            m.body(),
            now(),
            m.reportId(),
            m.caseId(),
            m.purpose().name(),
            m.templateVersion(),
            m.idempotencyKey(),
            m.refusal() == null ? "QUEUED" : "REFUSED",
            m.refusal() == null ? null : cut(m.refusal()),
            now())
        .update(keys);
    return generatedId(keys);
  }

  /**
   * H2 returns only the identity column, PostgreSQL every column (in lower case): find {@code id}
   * either way.
   */
  static long generatedId(GeneratedKeyHolder keys) {
    for (var row : keys.getKeyList()) {
      for (var e : row.entrySet()) {
        if (e.getKey().equalsIgnoreCase("id")) {
          return ((Number) e.getValue()).longValue();
        }
      }
    }
    throw new IllegalStateException("the database returned no generated id");
  }

  /** Ids of queued rows whose next attempt is due, oldest first. */
  public List<Long> due(int limit) {
    return jdbc.sql(
            "SELECT id FROM outbox WHERE status = 'QUEUED' AND (next_attempt_at IS NULL OR"
                + " next_attempt_at <= ?) ORDER BY id LIMIT ?")
        .params(now(), limit)
        .query(Long.class)
        .list();
  }

  /** Takes the row for sending if it is still queued; empty when another sender has it. */
  public Optional<Row> claim(long id) {
    int taken =
        jdbc.sql("UPDATE outbox SET status = 'SENDING' WHERE id = ? AND status = 'QUEUED'")
            .param(id)
            .update();
    if (taken == 0) {
      return Optional.empty();
    }
    return Optional.of(
        jdbc.sql(
                "SELECT id, recipient, cc_recipients, subject, body, attempts, case_id, sent_parts"
                    + " FROM outbox WHERE id = ?")
            .param(id)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getLong(1),
                        Recipients.split(rs.getString(2)),
                        Recipients.split(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        longOrNull(rs, 7),
                        new LinkedHashSet<>(Recipients.split(rs.getString(8)))))
            .single());
  }

  /** Finds the row queued under this idempotency key. */
  public Optional<Summary> byKey(String key) {
    return jdbc.sql(SUMMARY + " WHERE idempotency_key = ?")
        .param(key)
        .query(Outbox::summary)
        .optional();
  }

  /** One row. */
  public Optional<Summary> find(long id) {
    return jdbc.sql(SUMMARY + " WHERE id = ?").param(id).query(Outbox::summary).optional();
  }

  /** The newest rows, newest first. */
  public List<Summary> recent(int limit) {
    return jdbc.sql(SUMMARY + " ORDER BY id DESC LIMIT ?")
        .param(limit)
        .query(Outbox::summary)
        .list();
  }

  /** Every mail of a case, oldest first (for the case's page). */
  public List<Summary> forCase(long caseId) {
    return jdbc.sql(SUMMARY + " WHERE case_id = ? ORDER BY id")
        .param(caseId)
        .query(Outbox::summary)
        .list();
  }

  public void markSent(long id) {
    jdbc.sql(
            "UPDATE outbox SET status = 'SENT', sent_at = ?, attempts = attempts + 1,"
                + " last_error = NULL WHERE id = ?")
        .params(now(), id)
        .update();
  }

  /** Records that one delivery of a split mail went out, so a retry does not repeat it. */
  void markPartSent(long id, Set<String> parts) {
    jdbc.sql("UPDATE outbox SET sent_parts = ? WHERE id = ?")
        .params(String.join(",", parts), id)
        .update();
  }

  /** Puts the row back in the queue with the error and when to try again. */
  public void markFailed(long id, String error, Duration retryAfter) {
    String text = error == null ? "unknown error" : error;
    jdbc.sql(
            "UPDATE outbox SET status = 'QUEUED', attempts = attempts + 1, last_error = ?,"
                + " next_attempt_at = ? WHERE id = ?")
        .params(cut(text), now().plus(retryAfter), id)
        .update();
  }

  /** Marks a claimed row as not to be sent, with the reason. */
  void markRefused(long id, String reason) {
    jdbc.sql("UPDATE outbox SET status = 'REFUSED', last_error = ? WHERE id = ?")
        .params(cut(reason), id)
        .update();
  }

  /** Puts a refused row back in the queue, once its reason is gone; false if it was not refused. */
  boolean requeueRefused(long id) {
    return jdbc.sql(
                "UPDATE outbox SET status = 'QUEUED', last_error = NULL, next_attempt_at = ?"
                    + " WHERE id = ? AND status = 'REFUSED'")
            .params(now(), id)
            .update()
        == 1;
  }

  /** How many rows are in each state, for the start-up log. */
  public int count(String status) {
    return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE status = ?")
        .param(status)
        .query(Integer.class)
        .single();
  }

  private static String cut(String text) {
    return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
  }

  private static Long longOrNull(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static Summary summary(ResultSet rs, int n) throws SQLException {
    return new Summary(
        rs.getLong(1),
        rs.getObject(2, OffsetDateTime.class),
        rs.getString(3),
        longOrNull(rs, 4),
        longOrNull(rs, 5),
        rs.getString(6),
        rs.getInt(7),
        rs.getString(8),
        Recipients.split(rs.getString(9)),
        Recipients.split(rs.getString(10)),
        rs.getString(11),
        rs.getObject(12, OffsetDateTime.class),
        rs.getString(13));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock)
        .withOffsetSameInstant(ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.MICROS);
  }
}
