package org.cpansec.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpansec.server.account.Member;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log: append (in the caller's transaction, so an entry commits with the read or change
 * it records, or not at all) and read. Appends lock the one {@code audit_head} row with {@code
 * SELECT ... FOR UPDATE}, so ids are 1, 2, 3, … without gaps and each row's {@code prev_hash} is
 * the previous row's hash, however many connections or servers append at once. Reading is for
 * admins who signed the current agreement.
 */
@Repository
public class AuditLog {
  /** The actor of entries made by the platform itself (imports, schedulers). */
  public static final String SYSTEM = "system";

  static final int MAX_DETAIL = 4000;
  static final int MAX_ACTOR = 100;
  static final int MAX_ACTION = 60;
  static final String COLUMNS = "id, at, actor, action, case_id, detail, prev_hash, hash";

  private final JdbcClient jdbc;
  private final Clock clock;

  public AuditLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The actor string of a member. */
  public static String member(long memberId) {
    return "member:" + memberId;
  }

  /** The actor string of an external party's grant. */
  public static String grant(long grantId) {
    return "grant:" + grantId;
  }

  /**
   * Appends one entry and returns it. Joins the caller's transaction (or opens one); the head row
   * stays locked until that transaction ends.
   */
  @Transactional
  public AuditEntry append(String actor, String action, Long caseId, String detail) {
    requireText(actor, "actor", MAX_ACTOR);
    requireText(action, "action", MAX_ACTION);
    String text = detail == null ? null : cut(detail, MAX_DETAIL);
    Head head =
        jdbc.sql("SELECT last_id, last_hash FROM audit_head WHERE singleton = 1 FOR UPDATE")
            .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
            .optional()
            .orElseThrow(() -> new IllegalStateException("audit_head has no row"));
    long id = head.lastId() + 1;
    // Microseconds: what both databases store, so the hash recomputes from what was read back.
    OffsetDateTime at =
        OffsetDateTime.now(clock)
            .withOffsetSameInstant(ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.MICROS);
    String hash = AuditEntry.chain(head.lastHash(), id, at, actor, action, caseId, text);
    jdbc.sql(
            "INSERT INTO audit_log (id, at, actor, action, case_id, detail, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(id, at, actor, action, caseId, text, head.lastHash(), hash)
        .update();
    int moved =
        jdbc.sql(
                "UPDATE audit_head SET last_id = ?, last_hash = ? WHERE singleton = 1"
                    + " AND last_id = ?")
            .params(id, hash, head.lastId())
            .update();
    if (moved != 1) {
      throw new IllegalStateException("audit_head moved while locked");
    }
    return new AuditEntry(id, at, actor, action, caseId, text, head.lastHash(), hash);
  }

  private record Head(long lastId, String lastHash) {}

  /** Which entries an admin asks for; every filter optional. */
  public record Filter(Optional<Long> caseId, Optional<String> actor, int limit) {
    public Filter {
      if (limit < 1 || limit > 1000) {
        throw new IllegalArgumentException("limit must be 1..1000: " + limit);
      }
    }
  }

  /** An entry as the admin page shows it: with the case's reference and the actor's name. */
  public record Listed(AuditEntry entry, String caseReference, String actorName) {}

  /** Entries about one case, newest first. */
  public List<AuditEntry> byCase(long caseId, Member reader, int limit) {
    return list(new Filter(Optional.of(caseId), Optional.empty(), limit), reader).stream()
        .map(Listed::entry)
        .toList();
  }

  /** Entries of one actor ("who saw what"), newest first. */
  public List<AuditEntry> byActor(String actor, Member reader, int limit) {
    return list(new Filter(Optional.empty(), Optional.of(actor), limit), reader).stream()
        .map(Listed::entry)
        .toList();
  }

  /** Entries matching the filter, newest first, with references and names resolved. */
  public List<Listed> list(Filter filter, Member reader) {
    requireReader(reader);
    StringBuilder sql =
        new StringBuilder(
            "SELECT a.id, a.at, a.actor, a.action, a.case_id, a.detail, a.prev_hash, a.hash,"
                + " c.reference FROM audit_log a LEFT JOIN cna_case c ON c.id = a.case_id"
                + " WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    filter
        .caseId()
        .ifPresent(
            id -> {
              sql.append(" AND a.case_id = ?");
              params.add(id);
            });
    filter
        .actor()
        .ifPresent(
            a -> {
              sql.append(" AND a.actor = ?");
              params.add(a);
            });
    sql.append(" ORDER BY a.id DESC LIMIT ").append(filter.limit());
    List<Object[]> rows =
        jdbc.sql(sql.toString())
            .params(params)
            .query((rs, n) -> new Object[] {entry(rs), rs.getString(9)})
            .list();
    java.util.Map<String, String> names = new java.util.HashMap<>();
    List<Listed> out = new ArrayList<>();
    for (Object[] r : rows) {
      AuditEntry e = (AuditEntry) r[0];
      out.add(new Listed(e, (String) r[1], names.computeIfAbsent(e.actor(), this::actorName)));
    }
    return out;
  }

  /** The case id for a reference, for the admin page's filter. */
  public Optional<Long> caseIdOf(String reference, Member reader) {
    requireReader(reader);
    return jdbc.sql("SELECT id FROM cna_case WHERE reference = ?")
        .param(reference)
        .query(Long.class)
        .optional();
  }

  /** The actor string of a member's username, for the admin page's filter. */
  public Optional<String> actorOfUsername(String username, Member reader) {
    requireReader(reader);
    return jdbc.sql("SELECT id FROM member_account WHERE username = ?")
        .param(username)
        .query(Long.class)
        .optional()
        .map(AuditLog::member);
  }

  /** Admins who signed the current agreement read the log; nobody else. */
  public static boolean mayRead(Member reader) {
    return reader != null && reader.isAdmin() && reader.maySeeEmbargoed();
  }

  static void requireReader(Member reader) {
    if (!mayRead(reader)) {
      throw new AuditAccessDenied();
    }
  }

  private String actorName(String actor) {
    if (actor.startsWith("member:")) {
      return jdbc.sql("SELECT username, display_name FROM member_account WHERE id = ?")
          .param(parseId(actor))
          .query((rs, n) -> rs.getString(2) + " (" + rs.getString(1) + ")")
          .optional()
          .orElse(actor);
    }
    if (actor.startsWith("grant:")) {
      return jdbc.sql("SELECT party FROM case_grant WHERE id = ?")
          .param(parseId(actor))
          .query((rs, n) -> "external link " + parseId(actor) + " (" + rs.getString(1) + ")")
          .optional()
          .orElse(actor);
    }
    return actor;
  }

  private static long parseId(String actor) {
    try {
      return Long.parseLong(actor.substring(actor.indexOf(':') + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static AuditEntry entry(ResultSet rs) throws SQLException {
    long caseId = rs.getLong(5);
    Long caseOrNull = rs.wasNull() ? null : caseId;
    return new AuditEntry(
        rs.getLong(1),
        rs.getObject(2, OffsetDateTime.class),
        rs.getString(3),
        rs.getString(4),
        caseOrNull,
        rs.getString(6),
        rs.getString(7),
        rs.getString(8));
  }

  private static void requireText(String value, String name, int max) {
    if (value == null || value.isBlank() || value.length() > max) {
      throw new IllegalArgumentException(name + " must be 1.." + max + " characters");
    }
  }

  /** Cuts at a code point boundary, so no half surrogate pair is stored. */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isLowSurrogate(s.charAt(max)) ? max - 1 : max;
    return s.substring(0, end);
  }
}
