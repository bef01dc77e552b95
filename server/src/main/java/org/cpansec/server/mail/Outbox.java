package org.cpansec.server.mail;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code outbox} table as a queue. Claiming a row is one conditional UPDATE (QUEUED to
 * SENDING), so two senders — the request that queued it and the scheduled retry — never both send
 * the same row, on H2 or PostgreSQL.
 */
@Repository
public class Outbox {
  private static final int MAX_ERROR = 2000;

  private final JdbcClient jdbc;

  public Outbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A row as the sender needs it. */
  public record Row(long id, String recipient, String subject, String body, int attempts) {}

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
  public java.util.Optional<Row> claim(long id) {
    int taken =
        jdbc.sql("UPDATE outbox SET status = 'SENDING' WHERE id = ? AND status = 'QUEUED'")
            .param(id)
            .update();
    if (taken == 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        jdbc.sql("SELECT id, recipient, subject, body, attempts FROM outbox WHERE id = ?")
            .param(id)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5)))
            .single());
  }

  public void markSent(long id) {
    jdbc.sql(
            "UPDATE outbox SET status = 'SENT', sent_at = ?, attempts = attempts + 1,"
                + " last_error = NULL WHERE id = ?")
        .params(now(), id)
        .update();
  }

  /** Puts the row back in the queue with the error and when to try again. */
  public void markFailed(long id, String error, Duration retryAfter) {
    String text = error == null ? "unknown error" : error;
    jdbc.sql(
            "UPDATE outbox SET status = 'QUEUED', attempts = attempts + 1, last_error = ?,"
                + " next_attempt_at = ? WHERE id = ?")
        .params(
            text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text,
            now().plus(retryAfter),
            id)
        .update();
  }

  /** How many rows are in each state, for the start-up log. */
  public int count(String status) {
    return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE status = ?")
        .param(status)
        .query(Integer.class)
        .single();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
