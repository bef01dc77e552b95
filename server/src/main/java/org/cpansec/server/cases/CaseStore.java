package org.cpansec.server.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SQL of {@code cna_case} and the tables around it (labels, transitions, named members). No access
 * rule here: the services call it only after {@link CaseAccess} said yes.
 */
@Repository
class CaseStore {
  static final String COLUMNS =
      "c.id, c.reference, c.report_id, c.state, c.title, c.distribution, c.affected_versions,"
          + " c.sensitive, c.reported_at, c.earliest_public_report, c.maintainer_contacted_at,"
          + " c.planned_disclosure, c.published_at, c.created_at, c.updated_at";

  private final JdbcClient jdbc;
  private final TransactionTemplate separate;

  CaseStore(JdbcClient jdbc, PlatformTransactionManager tm) {
    this.jdbc = jdbc;
    this.separate = new TransactionTemplate(tm);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  Optional<CaseRecord> byReference(String reference) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM cna_case c WHERE c.reference = ?")
        .param(reference)
        .query((rs, n) -> record(rs))
        .optional();
  }

  Optional<CaseRecord> byId(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM cna_case c WHERE c.id = ?")
        .param(id)
        .query((rs, n) -> record(rs))
        .optional();
  }

  static CaseRecord record(ResultSet rs) throws SQLException {
    long report = rs.getLong(3);
    Long reportId = rs.wasNull() ? null : report;
    return new CaseRecord(
        rs.getLong(1),
        rs.getString(2),
        reportId,
        CaseState.valueOf(rs.getString(4)),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getBoolean(8),
        rs.getObject(9, OffsetDateTime.class),
        rs.getObject(10, LocalDate.class),
        rs.getObject(11, OffsetDateTime.class),
        rs.getObject(12, LocalDate.class),
        rs.getObject(13, OffsetDateTime.class),
        rs.getObject(14, OffsetDateTime.class),
        rs.getObject(15, OffsetDateTime.class));
  }

  /**
   * The next reference of the year: {@code CPANSEC-<year>-<NNNN>}. The counter row is created in a
   * transaction of its own (so a race on creating it cannot abort the caller's), then incremented
   * in the caller's: the row lock serialises concurrent cases.
   */
  String nextReference(int year) {
    boolean exists =
        jdbc.sql("SELECT COUNT(*) FROM case_reference_counter WHERE ref_year = ?")
                .param(year)
                .query(Integer.class)
                .single()
            > 0;
    if (!exists) {
      try {
        separate.executeWithoutResult(
            s ->
                jdbc.sql("INSERT INTO case_reference_counter (ref_year, last_number) VALUES (?, 0)")
                    .params(year)
                    .update());
      } catch (DuplicateKeyException e) {
        // Another request created it first: fine.
      }
    }
    jdbc.sql("UPDATE case_reference_counter SET last_number = last_number + 1 WHERE ref_year = ?")
        .param(year)
        .update();
    int number =
        jdbc.sql("SELECT last_number FROM case_reference_counter WHERE ref_year = ?")
            .param(year)
            .query(Integer.class)
            .single();
    return String.format(Locale.ROOT, "CPANSEC-%04d-%04d", year, number);
  }

  /** What a new case starts with. */
  record NewRow(
      String reference,
      Long reportId,
      String title,
      String distribution,
      String affectedVersions,
      boolean sensitive,
      OffsetDateTime reportedAt,
      Long createdBy,
      OffsetDateTime at) {}

  long insert(NewRow r) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO cna_case (reference, report_id, state, title, distribution,"
                + " affected_versions, sensitive, reported_at, created_by, created_at, updated_at)"
                + " VALUES (?, ?, 'REPORTED', ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            r.reference(),
            r.reportId(),
            r.title(),
            r.distribution(),
            r.affectedVersions(),
            r.sensitive(),
            r.reportedAt(),
            r.createdBy(),
            r.at(),
            r.at())
        .update(keys, "id");
    return generatedId(keys);
  }

  /** H2 returns only the identity column, PostgreSQL maybe more: find {@code id} either way. */
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

  /** Moves the case if it is still in {@code from}; false when it moved meanwhile. */
  boolean move(long caseId, CaseState from, CaseState to, OffsetDateTime at) {
    String extra =
        switch (to) {
          case PUBLISHED -> ", published_at = COALESCE(published_at, ?)";
          case MAINTAINER_CONTACTED ->
              ", maintainer_contacted_at = COALESCE(maintainer_contacted_at, ?)";
          default -> "";
        };
    List<Object> params = new ArrayList<>(List.of(to.name(), at));
    if (!extra.isEmpty()) {
      params.add(at);
    }
    params.add(caseId);
    params.add(from.name());
    return jdbc.sql(
                "UPDATE cna_case SET state = ?, updated_at = ?, row_version = row_version + 1"
                    + extra
                    + " WHERE id = ? AND state = ?")
            .params(params)
            .update()
        == 1;
  }

  void touch(long caseId, OffsetDateTime at) {
    jdbc.sql("UPDATE cna_case SET updated_at = ?, row_version = row_version + 1 WHERE id = ?")
        .params(at, caseId)
        .update();
  }

  void setSensitive(long caseId, boolean sensitive, OffsetDateTime at) {
    jdbc.sql(
            "UPDATE cna_case SET sensitive = ?, updated_at = ?, row_version = row_version + 1"
                + " WHERE id = ?")
        .params(sensitive, at, caseId)
        .update();
  }

  /** The date of the earliest public report (the CVE year rule's input); null clears. */
  void setEarliestPublicReport(long caseId, LocalDate date, OffsetDateTime at) {
    jdbc.sql(
            "UPDATE cna_case SET earliest_public_report = ?, updated_at = ?,"
                + " row_version = row_version + 1 WHERE id = ?")
        .params(date, at, caseId)
        .update();
  }

  void recordTransition(
      long caseId,
      CaseState from,
      CaseState to,
      TransitionReason reason,
      Long memberId,
      OffsetDateTime at) {
    jdbc.sql(
            "INSERT INTO case_transition (case_id, from_state, to_state, close_reason,"
                + " duplicate_of, note, member_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            caseId,
            from == null ? null : from.name(),
            to.name(),
            reason.close() == null ? null : reason.close().name(),
            reason.duplicateOf(),
            reason.note(),
            memberId,
            at)
        .update();
  }

  /** A state change as the case page lists it. */
  record Transition(
      CaseState from,
      CaseState to,
      CloseReason closeReason,
      String duplicateOf,
      String note,
      String memberName,
      OffsetDateTime at) {}

  List<Transition> transitions(long caseId) {
    return jdbc.sql(
            "SELECT t.from_state, t.to_state, t.close_reason, t.duplicate_of, t.note,"
                + " m.display_name, t.at FROM case_transition t LEFT JOIN member_account m"
                + " ON m.id = t.member_id WHERE t.case_id = ? ORDER BY t.id")
        .param(caseId)
        .query(
            (rs, n) ->
                new Transition(
                    rs.getString(1) == null ? null : CaseState.valueOf(rs.getString(1)),
                    CaseState.valueOf(rs.getString(2)),
                    rs.getString(3) == null ? null : CloseReason.valueOf(rs.getString(3)),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getObject(7, OffsetDateTime.class)))
        .list();
  }

  List<CaseLabel> labels(long caseId) {
    return jdbc
        .sql("SELECT label FROM case_label WHERE case_id = ?")
        .param(caseId)
        .query(String.class)
        .list()
        .stream()
        .map(CaseLabel::parse)
        .flatMap(Optional::stream)
        .sorted()
        .toList();
  }

  boolean hasLabel(long caseId, CaseLabel label) {
    return jdbc.sql("SELECT COUNT(*) FROM case_label WHERE case_id = ? AND label = ?")
            .params(caseId, label.name())
            .query(Integer.class)
            .single()
        > 0;
  }

  /** Adds the label; false when the case already had it. */
  boolean addLabel(long caseId, CaseLabel label) {
    if (hasLabel(caseId, label)) {
      return false;
    }
    jdbc.sql("INSERT INTO case_label (case_id, label) VALUES (?, ?)")
        .params(caseId, label.name())
        .update();
    return true;
  }

  /** Removes the label; false when the case did not have it. */
  boolean removeLabel(long caseId, CaseLabel label) {
    return jdbc.sql("DELETE FROM case_label WHERE case_id = ? AND label = ?")
            .params(caseId, label.name())
            .update()
        > 0;
  }

  /** A member as pages name them. */
  record MemberName(long id, String username, String displayName) {}

  List<MemberName> namedMembers(long caseId) {
    return jdbc.sql(
            "SELECT m.id, m.username, m.display_name FROM case_restricted_member r"
                + " JOIN member_account m ON m.id = r.member_id WHERE r.case_id = ?"
                + " ORDER BY m.username")
        .param(caseId)
        .query((rs, n) -> new MemberName(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  boolean isNamed(long caseId, long memberId) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM case_restricted_member WHERE case_id = ? AND member_id = ?")
            .params(caseId, memberId)
            .query(Integer.class)
            .single()
        > 0;
  }

  boolean name(long caseId, long memberId, Long by, OffsetDateTime at) {
    if (isNamed(caseId, memberId)) {
      return false;
    }
    jdbc.sql(
            "INSERT INTO case_restricted_member (case_id, member_id, added_by, added_at)"
                + " VALUES (?, ?, ?, ?)")
        .params(caseId, memberId, by, at)
        .update();
    return true;
  }

  boolean unname(long caseId, long memberId) {
    return jdbc.sql("DELETE FROM case_restricted_member WHERE case_id = ? AND member_id = ?")
            .params(caseId, memberId)
            .update()
        > 0;
  }

  void unnameAll(long caseId) {
    jdbc.sql("DELETE FROM case_restricted_member WHERE case_id = ?").param(caseId).update();
  }

  /** Enabled accounts holding the CNA member role: who may be named on a sensitive case. */
  List<MemberName> cnaMembers() {
    return jdbc.sql(
            "SELECT m.id, m.username, m.display_name FROM member_account m JOIN member_role r"
                + " ON r.member_id = m.id WHERE r.role = 'CNA_MEMBER' AND m.enabled = TRUE"
                + " ORDER BY m.username")
        .query((rs, n) -> new MemberName(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  /** A CVE id of the pool assigned to the case (the pool itself belongs to {@code cveid}). */
  record CveRow(String cveId, String state, OffsetDateTime sharedAt) {}

  List<CveRow> cveIds(long caseId) {
    return jdbc.sql("SELECT cve_id, state, shared_at FROM cve_id WHERE case_id = ? ORDER BY cve_id")
        .param(caseId)
        .query(
            (rs, n) ->
                new CveRow(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)))
        .list();
  }

  int countCveIds(long caseId) {
    return jdbc.sql("SELECT COUNT(*) FROM cve_id WHERE case_id = ?")
        .param(caseId)
        .query(Integer.class)
        .single();
  }

  /** A filtered list of cases, restricted by the visibility clause of {@link CaseAccess}. */
  List<CaseRecord> search(
      CaseAccess.Clause visible, Optional<String> text, Optional<CaseState> state, int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM cna_case c WHERE " + visible.sql());
    List<Object> params = new ArrayList<>(visible.params());
    text.ifPresent(
        t -> {
          sql.append(
              " AND (LOWER(c.reference) LIKE ? ESCAPE '\\' OR LOWER(c.title) LIKE ? ESCAPE '\\'"
                  + " OR LOWER(c.distribution) LIKE ? ESCAPE '\\')");
          String like = "%" + likeEscape(t.toLowerCase(Locale.ROOT)) + "%";
          params.add(like);
          params.add(like);
          params.add(like);
        });
    state.ifPresent(
        s -> {
          sql.append(" AND c.state = ?");
          params.add(s.name());
        });
    sql.append(" ORDER BY c.updated_at DESC, c.id DESC LIMIT ").append(limit);
    return jdbc.sql(sql.toString()).params(params).query((rs, n) -> record(rs)).list();
  }

  Map<CaseState, Integer> countByState(CaseAccess.Clause visible) {
    Map<CaseState, Integer> out = new EnumMap<>(CaseState.class);
    for (CaseState s : CaseState.values()) {
      out.put(s, 0);
    }
    jdbc.sql(
            "SELECT c.state, COUNT(*) FROM cna_case c WHERE " + visible.sql() + " GROUP BY c.state")
        .params(visible.params())
        .query(
            (RowCallbackHandler) rs -> out.put(CaseState.valueOf(rs.getString(1)), rs.getInt(2)));
    return out;
  }

  /** The name the reporter gave, from their grant on the case. */
  Optional<String> reporterGrantName(long caseId) {
    return jdbc
        .sql(
            "SELECT name FROM case_grant WHERE case_id = ? AND party = 'REPORTER'"
                + " AND name IS NOT NULL ORDER BY id")
        .param(caseId)
        .query(String.class)
        .list()
        .stream()
        .findFirst();
  }

  static String likeEscape(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
