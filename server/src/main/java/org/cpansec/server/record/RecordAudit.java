package org.cpansec.server.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends the editor's reads and saves of a case to the hash-chained {@code audit_log} (ADR 0008):
 * the single {@code audit_head} row is locked, the new row's hash is SHA-256 of the previous hash
 * followed by the canonical row, and the head moves on, all in one transaction.
 *
 * <p>The canonical row is the fields joined by a newline: id, time (ISO-8601 UTC, milliseconds),
 * actor, action, case id, detail.
 *
 * <p>TODO(after merging the audit package): delegate to its writer so that there is one canonical
 * form for the whole chain; this exists only because that package was built in parallel.
 */
@Component
class RecordAudit {
  private final JdbcClient jdbc;
  private final Clock clock;

  RecordAudit(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Appends one row; joins the caller's transaction, so a save and its audit row commit together.
   */
  @Transactional
  public void append(long memberId, String action, long caseId, String detail) {
    Head head =
        jdbc.sql("SELECT last_id, last_hash FROM audit_head WHERE singleton = 1 FOR UPDATE")
            .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
            .single();
    long id = head.lastId() + 1;
    OffsetDateTime at = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    at = at.truncatedTo(ChronoUnit.MILLIS);
    String actor = "member:" + memberId;
    String canonical =
        String.join(
            "\n",
            Long.toString(id),
            at.toInstant().toString(),
            actor,
            action,
            Long.toString(caseId),
            detail);
    String hash = sha256(head.lastHash() + canonical);
    jdbc.sql(
            "INSERT INTO audit_log (id, at, actor, action, case_id, detail, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(id, at, actor, action, caseId, detail, head.lastHash(), hash)
        .update();
    jdbc.sql("UPDATE audit_head SET last_id = ?, last_hash = ? WHERE singleton = 1")
        .params(id, hash)
        .update();
  }

  private record Head(long lastId, String lastHash) {}

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
