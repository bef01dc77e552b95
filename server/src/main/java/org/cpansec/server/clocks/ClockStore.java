package org.cpansec.server.clocks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * SQL of the clocks: the V6 case columns this package owns the meaning of ({@code
 * maintainer_contacted_at}, {@code planned_disclosure}) and the V12 tables. Callers hold a
 * transaction and lock the case rows they change ({@link #lockCases}), so that two members (or two
 * replicas) changing one case's clock are serialised.
 */
@Repository
class ClockStore {
  /** States in which a case's disclosure clock no longer runs. */
  static final Set<String> FINISHED_STATES =
      Set.of("PUBLISHED", "FOLLOW_UP", "CLOSED", "DISPUTED", "UPDATED");

  /** States before the maintainer contact, in which that contact is due. */
  static final Set<String> BEFORE_CONTACT_STATES = Set.of("REPORTED", "TRIAGE", "RESERVED");

  private static final String CASE_COLUMNS =
      "c.id, c.reference, c.state, c.sensitive, c.reported_at, c.maintainer_contacted_at,"
          + " c.planned_disclosure, c.published_at";

  private final JdbcClient jdbc;
  private final Clock clock;

  ClockStore(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A case as the clocks see it. */
  record CaseRow(
      long id,
      String reference,
      String state,
      boolean sensitive,
      Instant reportedAt,
      Instant maintainerContactedAt,
      LocalDate plannedDisclosure,
      Instant publishedAt) {

    /** Published, closed, or later: the clock no longer runs. */
    boolean finished() {
      return publishedAt != null || FINISHED_STATES.contains(state);
    }
  }

  /** The case_clock row (all empty when the case has none yet). */
  record ClockRow(
      String plannedSource,
      Instant answeredAt,
      Instant bouncedAt,
      LocalDate publicSince,
      String publicEvidenceUrl,
      String publicEvidenceNote,
      Long groupId) {
    static final ClockRow EMPTY = new ClockRow(null, null, null, null, null, null, null);
  }

  // ---------------------------------------------------------------- cases

  Optional<CaseRow> caseByReference(String reference) {
    return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM cna_case c WHERE c.reference = ?")
        .param(reference)
        .query(ClockStore::caseRow)
        .optional();
  }

  Optional<CaseRow> caseById(long id) {
    return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM cna_case c WHERE c.id = ?")
        .param(id)
        .query(ClockStore::caseRow)
        .optional();
  }

  /** Locks the cases' rows, in id order (no deadlock between two such callers). */
  void lockCases(Collection<Long> ids) {
    ids.stream()
        .distinct()
        .sorted()
        .forEach(
            id ->
                jdbc.sql("SELECT id FROM cna_case WHERE id = ? FOR UPDATE")
                    .param(id)
                    .query(Long.class)
                    .list());
  }

  void setContacted(long caseId, Instant at) {
    jdbc.sql(
            "UPDATE cna_case SET maintainer_contacted_at = ?, updated_at = ?,"
                + " row_version = row_version + 1 WHERE id = ?")
        .params(utc(at), utc(clock.instant()), caseId)
        .update();
  }

  void setPlanned(long caseId, LocalDate date, String source) {
    jdbc.sql(
            "UPDATE cna_case SET planned_disclosure = ?, updated_at = ?,"
                + " row_version = row_version + 1 WHERE id = ?")
        .params(date, utc(clock.instant()), caseId)
        .update();
    ensureClock(caseId);
    jdbc.sql("UPDATE case_clock SET planned_source = ?, updated_at = ? WHERE case_id = ?")
        .params(source, utc(clock.instant()), caseId)
        .update();
  }

  // ---------------------------------------------------------------- case_clock

  ClockRow clock(long caseId) {
    return jdbc.sql(
            "SELECT planned_source, answered_at, bounced_at, public_since, public_evidence_url,"
                + " public_evidence_note, coordination_group_id FROM case_clock WHERE case_id = ?")
        .param(caseId)
        .query(
            (rs, n) ->
                new ClockRow(
                    rs.getString(1),
                    instant(rs, 2),
                    instant(rs, 3),
                    rs.getObject(4, LocalDate.class),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getObject(7, Long.class)))
        .optional()
        .orElse(ClockRow.EMPTY);
  }

  /** Creates the case's clock row if missing; the caller holds the case's lock. */
  private void ensureClock(long caseId) {
    int exists =
        jdbc.sql("SELECT COUNT(*) FROM case_clock WHERE case_id = ?")
            .param(caseId)
            .query(Integer.class)
            .single();
    if (exists == 0) {
      jdbc.sql("INSERT INTO case_clock (case_id, updated_at) VALUES (?, ?)")
          .params(caseId, utc(clock.instant()))
          .update();
    }
  }

  void setAnswered(long caseId, Instant at) {
    ensureClock(caseId);
    jdbc.sql("UPDATE case_clock SET answered_at = ?, updated_at = ? WHERE case_id = ?")
        .params(utc(at), utc(clock.instant()), caseId)
        .update();
  }

  void setBounced(long caseId, Instant at) {
    ensureClock(caseId);
    jdbc.sql("UPDATE case_clock SET bounced_at = ?, updated_at = ? WHERE case_id = ?")
        .params(utc(at), utc(clock.instant()), caseId)
        .update();
  }

  void setPublic(long caseId, LocalDate since, String url, String note) {
    ensureClock(caseId);
    jdbc.sql(
            "UPDATE case_clock SET public_since = ?, public_evidence_url = ?,"
                + " public_evidence_note = ?, updated_at = ? WHERE case_id = ?")
        .params(since, url, note, utc(clock.instant()), caseId)
        .update();
  }

  void setGroup(long caseId, Long groupId) {
    ensureClock(caseId);
    jdbc.sql("UPDATE case_clock SET coordination_group_id = ?, updated_at = ? WHERE case_id = ?")
        .params(groupId, utc(clock.instant()), caseId)
        .update();
  }

  // ---------------------------------------------------------------- history

  /** Appends a row to the case's clock history; returns its id. */
  long event(
      long caseId, Long memberId, String action, LocalDate oldDate, LocalDate newDate, String d) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO clock_event (case_id, at, member_id, action, old_date, new_date, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(caseId, utc(clock.instant()), memberId, action, oldDate, newDate, d)
        .update(keys, "id");
    return id(keys);
  }

  List<CaseClock.Event> events(long caseId) {
    return jdbc.sql(
            "SELECT e.at, m.display_name, e.action, e.old_date, e.new_date, e.detail"
                + " FROM clock_event e LEFT JOIN member_account m ON m.id = e.member_id"
                + " WHERE e.case_id = ? ORDER BY e.id")
        .param(caseId)
        .query(
            (rs, n) ->
                new CaseClock.Event(
                    instant(rs, 1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getObject(4, LocalDate.class),
                    rs.getObject(5, LocalDate.class),
                    rs.getString(6)))
        .list();
  }

  // ---------------------------------------------------------------- extensions

  long insertExtension(
      long caseId, LocalDate requested, String reason, String requestedBy, long recordedBy) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO disclosure_extension (case_id, requested_date, reason, requested_by,"
                + " recorded_by, recorded_at, status) VALUES (?, ?, ?, ?, ?, ?, 'PENDING')")
        .params(caseId, requested, reason, requestedBy, recordedBy, utc(clock.instant()))
        .update(keys, "id");
    return id(keys);
  }

  Optional<CaseClock.Extension> extension(long caseId, long id) {
    return extensions(caseId, " AND x.id = ?", id).stream().findFirst();
  }

  List<CaseClock.Extension> extensions(long caseId) {
    return extensions(caseId, "", null);
  }

  private List<CaseClock.Extension> extensions(long caseId, String filter, Long id) {
    var spec =
        jdbc.sql(
                "SELECT x.id, x.requested_date, x.reason, x.requested_by, x.recorded_at, x.status,"
                    + " m.display_name, x.decided_at, x.decision_reason, x.granted_date"
                    + " FROM disclosure_extension x LEFT JOIN member_account m ON m.id ="
                    + " x.decided_by WHERE x.case_id = ?"
                    + filter
                    + " ORDER BY x.id")
            .param(caseId);
    if (id != null) {
      spec = spec.param(id);
    }
    return spec.query(
            (rs, n) ->
                new CaseClock.Extension(
                    rs.getLong(1),
                    rs.getObject(2, LocalDate.class),
                    rs.getString(3),
                    rs.getString(4),
                    instant(rs, 5),
                    rs.getString(6),
                    rs.getString(7),
                    instant(rs, 8),
                    rs.getString(9),
                    rs.getObject(10, LocalDate.class)))
        .list();
  }

  /** Decides a pending request; false when it is no longer pending. */
  boolean decideExtension(
      long id, String status, long decidedBy, String reason, LocalDate grantedDate) {
    return jdbc.sql(
                "UPDATE disclosure_extension SET status = ?, decided_by = ?, decided_at = ?,"
                    + " decision_reason = ?, granted_date = ? WHERE id = ? AND status = 'PENDING'")
            .params(status, decidedBy, utc(clock.instant()), reason, grantedDate, id)
            .update()
        == 1;
  }

  // ---------------------------------------------------------------- coordination

  long createGroup(LocalDate date, String note, long memberId) {
    Instant now = clock.instant();
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO coordination_group (planned_date, note, created_by, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?)")
        .params(date, note, memberId, utc(now), utc(now))
        .update(keys, "id");
    return id(keys);
  }

  void setGroupDate(long groupId, LocalDate date, String note) {
    jdbc.sql(
            "UPDATE coordination_group SET planned_date = ?, note = COALESCE(?, note),"
                + " updated_at = ? WHERE id = ?")
        .params(date, note, utc(clock.instant()), groupId)
        .update();
  }

  Optional<LocalDate> groupDate(long groupId) {
    return jdbc.sql("SELECT planned_date FROM coordination_group WHERE id = ?")
        .param(groupId)
        .query(LocalDate.class)
        .optional();
  }

  /** The cases sharing the group's date, by id. */
  List<CaseRow> groupCases(long groupId) {
    return jdbc.sql(
            "SELECT "
                + CASE_COLUMNS
                + " FROM cna_case c JOIN case_clock k ON k.case_id = c.id"
                + " WHERE k.coordination_group_id = ? ORDER BY c.id")
        .param(groupId)
        .query(ClockStore::caseRow)
        .list();
  }

  // ---------------------------------------------------------------- abandonment

  void saveCheck(long caseId, AbandonmentCheck c, long memberId) {
    jdbc.sql("DELETE FROM abandonment_check WHERE case_id = ? AND criterion = ?")
        .params(caseId, c.criterion().name())
        .update();
    jdbc.sql(
            "INSERT INTO abandonment_check (case_id, criterion, holds, last_activity, evidence,"
                + " evidence_url, checked_on, checked_by, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            caseId,
            c.criterion().name(),
            c.holds(),
            c.lastActivity(),
            c.evidence(),
            c.evidenceUrl(),
            c.checkedOn(),
            memberId,
            utc(clock.instant()))
        .update();
  }

  List<AbandonmentCheck> checks(long caseId) {
    return jdbc
        .sql(
            "SELECT a.criterion, a.holds, a.last_activity, a.evidence, a.evidence_url,"
                + " a.checked_on, m.display_name FROM abandonment_check a"
                + " JOIN member_account m ON m.id = a.checked_by WHERE a.case_id = ?")
        .param(caseId)
        .query(
            (rs, n) ->
                new AbandonmentCheck(
                    AbandonmentCriterion.valueOf(rs.getString(1)),
                    rs.getBoolean(2),
                    rs.getObject(3, LocalDate.class),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getObject(6, LocalDate.class),
                    rs.getString(7)))
        .list()
        .stream()
        .sorted(java.util.Comparator.comparing(AbandonmentCheck::criterion))
        .toList();
  }

  // ---------------------------------------------------------------- disputes

  /** A dispute as stored (the view adds its due instant). */
  record Dispute(
      long id,
      Instant receivedAt,
      String sender,
      String body,
      Instant acknowledgedAt,
      String acknowledgedBy) {}

  long insertDispute(long caseId, Instant receivedAt, String sender, String body, long memberId) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO case_dispute (case_id, received_at, sender, body, recorded_by,"
                + " recorded_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(caseId, utc(receivedAt), sender, body, memberId, utc(clock.instant()))
        .update(keys, "id");
    return id(keys);
  }

  List<Dispute> disputes(long caseId) {
    return jdbc.sql(
            "SELECT d.id, d.received_at, d.sender, d.body, d.acknowledged_at, m.display_name"
                + " FROM case_dispute d LEFT JOIN member_account m ON m.id = d.acknowledged_by"
                + " WHERE d.case_id = ? ORDER BY d.id")
        .param(caseId)
        .query(
            (rs, n) ->
                new Dispute(
                    rs.getLong(1),
                    instant(rs, 2),
                    rs.getString(3),
                    rs.getString(4),
                    instant(rs, 5),
                    rs.getString(6)))
        .list();
  }

  boolean acknowledgeDispute(long caseId, long id, Instant at, long memberId) {
    return jdbc.sql(
                "UPDATE case_dispute SET acknowledged_at = ?, acknowledged_by = ?"
                    + " WHERE id = ? AND case_id = ? AND acknowledged_at IS NULL")
            .params(utc(at), memberId, id, caseId)
            .update()
        == 1;
  }

  // ---------------------------------------------------------------- helpers

  /** The generated id of an insert that asked for the column {@code id} only. */
  static long id(GeneratedKeyHolder keys) {
    Number key = keys.getKey();
    if (key == null) {
      throw new IllegalStateException("the database returned no generated id");
    }
    return key.longValue();
  }

  static CaseRow caseRow(ResultSet rs, int n) throws SQLException {
    return new CaseRow(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getBoolean(4),
        instant(rs, 5),
        instant(rs, 6),
        rs.getObject(7, LocalDate.class),
        instant(rs, 8));
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
