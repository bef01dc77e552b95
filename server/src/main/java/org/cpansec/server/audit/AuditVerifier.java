package org.cpansec.server.audit;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Recomputes the audit chain from the first row and names the first row that does not fit: a gap in
 * the ids, a {@code prev_hash} that is not the previous row's hash, a hash that does not match the
 * row's content, or a head that does not point at the last row (a removed tail).
 */
@Service
public class AuditVerifier {
  static final String GENESIS = "0".repeat(64);
  private static final int PAGE = 1000;

  private final JdbcClient jdbc;

  public AuditVerifier(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The outcome: how many rows were checked and, when the chain is broken, the first broken row's
   * id and why.
   */
  public record Result(long rowsChecked, Long firstBrokenId, String problem) {
    public boolean intact() {
      return firstBrokenId == null;
    }

    /** One line for a person: "intact, N rows" or "broken at row N: why". */
    public String summary() {
      return intact()
          ? "The audit chain is intact: " + rowsChecked + " rows checked."
          : "The audit chain is broken at row " + firstBrokenId + ": " + problem;
    }
  }

  /**
   * Checks every row up to the head as it was when the check began (rows appended meanwhile are
   * left for the next check).
   */
  public Result verify() {
    Object[] head =
        jdbc.sql("SELECT last_id, last_hash FROM audit_head WHERE singleton = 1")
            .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)})
            .single();
    long lastId = (Long) head[0];
    String headHash = (String) head[1];
    long expectedId = 1;
    String prev = GENESIS;
    long checked = 0;
    while (true) {
      List<AuditEntry> page =
          jdbc.sql(
                  "SELECT "
                      + AuditLog.COLUMNS
                      + " FROM audit_log WHERE id >= ? AND id <= ? ORDER BY id LIMIT "
                      + PAGE)
              .params(expectedId, lastId)
              .query((rs, n) -> AuditLog.entry(rs))
              .list();
      for (AuditEntry e : page) {
        if (e.id() != expectedId) {
          return new Result(
              checked, expectedId, "the row is missing (the next row is " + e.id() + ")");
        }
        if (!e.prevHash().equals(prev)) {
          return new Result(checked, e.id(), "its prev_hash is not the previous row's hash");
        }
        if (!e.hash().equals(e.expectedHash())) {
          return new Result(checked, e.id(), "its hash does not match its content");
        }
        prev = e.hash();
        expectedId++;
        checked++;
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    if (expectedId <= lastId) {
      return new Result(checked, expectedId, "the row is missing (the head says " + lastId + ")");
    }
    if (!prev.equals(headHash)) {
      return new Result(checked, lastId, "the head's hash is not the last row's hash");
    }
    return new Result(checked, null, null);
  }
}
