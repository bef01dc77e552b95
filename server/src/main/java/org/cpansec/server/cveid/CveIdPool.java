package org.cpansec.server.cveid;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.cpansec.server.account.Member;
import org.cpansec.server.audit.AuditLog;
import org.cpansec.server.cases.CaseAccess;
import org.cpansec.server.cases.CaseNotFoundException;
import org.cpansec.server.cases.CaseRefusedException;
import org.cpansec.server.cases.CaseState;
import org.cpansec.server.cases.Cases;
import org.cpansec.server.cases.TransitionReason;
import org.cpansec.server.cases.Viewer;
import org.cpansec.server.cveid.PoolRefusal.Kind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The CVE ID pool on the {@code cve_id} and {@code cve_assignment} tables (CPANSEC-PROCESS.md §3).
 *
 * <p>States: {@code AVAILABLE → ASSIGNED → SHARED → PUBLISHED}, and {@code REJECTED}. An ID is
 * assigned by the year rule (the year of the case's earliest public report, else the current year
 * of the injected {@link Clock}). An assigned ID that has not left the CNA may be released back to
 * the pool; once {@code SHARED} or {@code PUBLISHED} it belongs to its case for good, and releasing
 * it rejects it. Every assign, release, share, publish and reject is one {@code cve_assignment} row
 * (who, when, which case), one entry of the case's audit log ({@code cveid.assign}, {@code
 * cveid.release}, …, in the same transaction) and one {@link CveIdEvent}. An ID assigned to a case
 * in TRIAGE (normally its first) moves the case to RESERVED through the cases' state machine
 * ({@link Cases#transition}), recorded as that member's move.
 *
 * <p>Concurrency: an ID changes state only through a conditional UPDATE that names the state it
 * expects, so two members assigning at once never get the same ID, on H2 or PostgreSQL; the loser
 * of a race simply takes the next ID.
 *
 * <p>Only CNA members who signed the current agreement may import, assign, release, share, publish
 * or reject; an empty actor ({@code null}) on share, publish and reject stands for the system. A
 * member assigns or releases only on a case they may see ({@link CaseAccess}); any other case is
 * "not found".
 */
@Service
public class CveIdPool {
  /** Longest note kept in {@code cve_assignment.note}. */
  static final int MAX_NOTE = 1000;

  private static final String CLOSED = "CLOSED";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final CaseAccess access;
  private final Cases cases;
  private final AuditLog audit;

  public CveIdPool(
      JdbcClient jdbc,
      Clock clock,
      ApplicationEventPublisher events,
      CaseAccess access,
      Cases cases,
      AuditLog audit) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.events = events;
    this.access = access;
    this.cases = cases;
    this.audit = audit;
  }

  /** One ID of the pool, with its case when it has one. */
  public record PoolEntry(
      String cveId,
      int year,
      CveIdState state,
      Long caseId,
      String caseReference,
      boolean caseSensitive,
      OffsetDateTime reservedAt,
      String source,
      OffsetDateTime sharedAt,
      OffsetDateTime rejectedAtCveServices) {

    /** A REJECTED ID that still has to be rejected at CVE Services. */
    public boolean awaitsRejectionAtCveServices() {
      return state == CveIdState.REJECTED && rejectedAtCveServices == null;
    }
  }

  /** How many IDs of one year are in each state. */
  public record YearCounts(int year, Map<CveIdState, Integer> counts) {
    public YearCounts {
      counts = Map.copyOf(counts);
    }

    public int count(CveIdState state) {
      return counts.getOrDefault(state, 0);
    }

    public int total() {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** One row of an ID's or a case's history. */
  public record HistoryEntry(
      long id,
      String cveId,
      long caseId,
      PoolAction action,
      Long memberId,
      String memberName,
      OffsetDateTime at,
      String note) {}

  /** The year the rule picks for a case, and why. */
  public record YearChoice(int year, String reason) {}

  /** What {@link #release} did. */
  public record Released(String cveId, CveIdState newState) {}

  // ---- import ---------------------------------------------------------------------------------

  /**
   * Imports the IDs in {@code text} (see {@link PoolImportParser}) as AVAILABLE, with {@code
   * source}. Malformed input is refused as a whole ({@link Kind#INVALID}, one problem per line);
   * IDs the pool already holds, and IDs listed twice, are skipped and reported. All or nothing: the
   * IDs are inserted in one transaction.
   */
  @Transactional
  public ImportResult importText(String text, String source, Member actor) {
    requireCna(actor, "import CVE IDs");
    PoolImportParser.Parsed parsed = PoolImportParser.parse(text, latestYear());
    if (!parsed.errors().isEmpty()) {
      throw new PoolRefusal(
          Kind.INVALID,
          "Nothing was imported: "
              + parsed.errors().size()
              + (parsed.errors().size() == 1 ? " line is" : " lines are")
              + " not a reserved CVE ID.",
          parsed.errors());
    }
    return insert(parsed.entries(), parsed.repeated(), source, actor);
  }

  /**
   * Imports IDs already parsed (from the CVE Services client), as {@link #importText} does. Used by
   * {@link PoolRefill}.
   */
  @Transactional
  public ImportResult importEntries(
      List<PoolImportParser.Entry> entries, String source, Member actor) {
    requireCna(actor, "import CVE IDs");
    return insert(entries, List.of(), source, actor);
  }

  private ImportResult insert(
      List<PoolImportParser.Entry> entries, List<String> repeated, String source, Member actor) {
    if (entries.isEmpty()) {
      throw new PoolRefusal(
          Kind.INVALID,
          "Nothing was imported: the input holds no CVE ID (one CVE-YYYY-NNNN a line).");
    }
    String src = clip(source == null || source.isBlank() ? "import" : source.strip(), 200);
    OffsetDateTime now = now();
    Set<String> known = new HashSet<>();
    for (int i = 0; i < entries.size(); i += 500) {
      List<String> chunk =
          entries.subList(i, Math.min(entries.size(), i + 500)).stream()
              .map(PoolImportParser.Entry::cveId)
              .toList();
      known.addAll(
          jdbc.sql("SELECT cve_id FROM cve_id WHERE cve_id IN (:ids)")
              .param("ids", chunk)
              .query(String.class)
              .list());
    }
    List<String> added = new ArrayList<>();
    List<String> already = new ArrayList<>();
    try {
      for (PoolImportParser.Entry e : entries) {
        if (known.contains(e.cveId())) {
          already.add(e.cveId());
          continue;
        }
        jdbc.sql(
                "INSERT INTO cve_id (cve_id, cve_year, state, reserved_at, source, imported_by)"
                    + " VALUES (?, ?, 'AVAILABLE', ?, ?, ?)")
            .params(
                e.cveId(),
                e.year(),
                e.reserved() == null ? now : e.reserved(),
                src,
                actor == null ? null : actor.id())
            .update();
        added.add(e.cveId());
      }
    } catch (DuplicateKeyException e) {
      // Another import added one of these IDs after we looked: the transaction rolls back whole.
      throw new PoolRefusal(
          Kind.CONFLICT,
          "Nothing was imported: another import added some of these IDs at the same time. Try"
              + " again; the IDs already in the pool will be skipped.");
    }
    return new ImportResult(added, already, repeated);
  }

  // ---- assign and release -----------------------------------------------------------------------

  /** The year the rule picks for a case (§3). */
  public YearChoice yearFor(long caseId) {
    return yearFor(caseRow(caseId));
  }

  private YearChoice yearFor(CaseRow c) {
    LocalDate today = LocalDate.now(clock);
    if (c.earliestPublicReport() != null) {
      if (c.earliestPublicReport().isAfter(today)) {
        throw new PoolRefusal(
            Kind.CONFLICT,
            "The case's earliest public report ("
                + c.earliestPublicReport()
                + ") is in the future; correct it before assigning a CVE ID.");
      }
      return new YearChoice(
          c.earliestPublicReport().getYear(),
          "the year of the earliest public report (" + c.earliestPublicReport() + ")");
    }
    return new YearChoice(today.getYear(), "the current year (no public report is recorded)");
  }

  /**
   * Assigns the lowest available ID of the year the rule picks to the case. A case may hold several
   * IDs (a Dual Life split): each call adds one. A case in TRIAGE moves to RESERVED with it (the
   * case row is locked first, so two members assigning to one case at once move it once).
   *
   * @throws PoolRefusal {@link Kind#EMPTY_POOL} when the pool has no available ID of that year
   */
  @Transactional
  public String assign(long caseId, Member actor, String note) {
    requireCna(actor, "assign CVE IDs");
    lockCase(caseId);
    CaseRow c = visibleCaseRow(caseId, actor);
    if (CLOSED.equals(c.state())) {
      throw new PoolRefusal(
          Kind.CONFLICT, "Case " + c.reference() + " is closed: no CVE ID is assigned to it.");
    }
    int year = yearFor(c).year();
    while (true) {
      Optional<String> candidate =
          jdbc.sql(
                  "SELECT cve_id FROM cve_id WHERE state = 'AVAILABLE' AND cve_year = ?"
                      + " ORDER BY LENGTH(cve_id), cve_id LIMIT 1")
              .param(year)
              .query(String.class)
              .optional();
      if (candidate.isEmpty()) {
        throw new PoolRefusal(
            Kind.EMPTY_POOL,
            "No reserved CVE ID for "
                + year
                + " in the pool; reserve some from CVE Services (or import them) first.");
      }
      String id = candidate.get();
      int taken =
          jdbc.sql(
                  "UPDATE cve_id SET state = 'ASSIGNED', case_id = ?"
                      + " WHERE cve_id = ? AND state = 'AVAILABLE'")
              .params(caseId, id)
              .update();
      if (taken == 1) {
        record(PoolAction.ASSIGN, id, caseId, actor, note);
        if (CaseState.TRIAGE.name().equals(c.state())) {
          reserve(c, id, actor);
        }
        return id;
      }
      // Someone else took it between our SELECT and UPDATE: try the next one.
    }
  }

  /**
   * Gives an ID of this case up. An ID still only ASSIGNED goes back to the pool (AVAILABLE, no
   * case). An ID already SHARED becomes REJECTED (it must be rejected at CVE Services and is never
   * used again). A PUBLISHED or REJECTED ID cannot be released.
   */
  @Transactional
  public Released release(long caseId, String cveId, Member actor, String note) {
    requireCna(actor, "release CVE IDs");
    CaseRow c = visibleCaseRow(caseId, actor);
    PoolEntry e =
        find(cveId)
            .filter(x -> x.caseId() != null && x.caseId() == caseId)
            .orElseThrow(
                () ->
                    new PoolRefusal(
                        Kind.NOT_FOUND, cveId + " is not assigned to case " + c.reference() + "."));
    switch (e.state()) {
      case ASSIGNED -> {
        int n =
            jdbc.sql(
                    "UPDATE cve_id SET state = 'AVAILABLE', case_id = NULL"
                        + " WHERE cve_id = ? AND state = 'ASSIGNED' AND case_id = ?")
                .params(cveId, caseId)
                .update();
        if (n == 0) {
          throw changedMeanwhile(cveId);
        }
        record(PoolAction.RELEASE, cveId, caseId, actor, note);
        return new Released(cveId, CveIdState.AVAILABLE);
      }
      case SHARED -> {
        int n =
            jdbc.sql(
                    "UPDATE cve_id SET state = 'REJECTED'"
                        + " WHERE cve_id = ? AND state = 'SHARED' AND case_id = ?")
                .params(cveId, caseId)
                .update();
        if (n == 0) {
          throw changedMeanwhile(cveId);
        }
        record(
            PoolAction.REJECT,
            cveId,
            caseId,
            actor,
            joined("released after it was shared: never reused, reject it at CVE Services", note));
        return new Released(cveId, CveIdState.REJECTED);
      }
      case PUBLISHED ->
          throw new PoolRefusal(
              Kind.CONFLICT,
              cveId + " is published: it cannot be released; reject its record instead.");
      default ->
          throw new PoolRefusal(
              Kind.CONFLICT, cveId + " is " + e.state() + ": nothing to release.");
    }
  }

  // ---- share, publish, reject -----------------------------------------------------------------

  /**
   * Marks every ASSIGNED ID of the case SHARED (it is about to leave the CNA, e.g. in the mail to
   * the maintainer). IDs already shared or published are left as they are. Returns the IDs that
   * changed.
   */
  @Transactional
  public List<String> markShared(long caseId, Member actor) {
    requireCnaOrSystem(actor, "share CVE IDs");
    caseRow(caseId);
    List<String> assigned =
        jdbc.sql(
                "SELECT cve_id FROM cve_id WHERE case_id = ? AND state = 'ASSIGNED'"
                    + " ORDER BY LENGTH(cve_id), cve_id")
            .param(caseId)
            .query(String.class)
            .list();
    OffsetDateTime now = now();
    List<String> shared = new ArrayList<>();
    for (String id : assigned) {
      int n =
          jdbc.sql(
                  "UPDATE cve_id SET state = 'SHARED', shared_at = ?"
                      + " WHERE cve_id = ? AND state = 'ASSIGNED' AND case_id = ?")
              .params(now, id, caseId)
              .update();
      if (n == 1) {
        record(PoolAction.SHARE, id, caseId, actor, null);
        shared.add(id);
      }
    }
    return shared;
  }

  /**
   * Marks an ASSIGNED or SHARED ID PUBLISHED. Publishing an ID already PUBLISHED does nothing and
   * returns false, so a publication can be retried.
   */
  @Transactional
  public boolean markPublished(String cveId, Member actor) {
    requireCnaOrSystem(actor, "publish CVE IDs");
    PoolEntry e = existing(cveId);
    if (e.state() == CveIdState.PUBLISHED) {
      return false;
    }
    if (e.state() != CveIdState.ASSIGNED && e.state() != CveIdState.SHARED) {
      throw new PoolRefusal(
          Kind.CONFLICT,
          cveId + " is " + e.state() + ": only an ID assigned to a case can be published.");
    }
    OffsetDateTime now = now();
    int n =
        jdbc.sql(
                "UPDATE cve_id SET state = 'PUBLISHED', shared_at = COALESCE(shared_at, ?)"
                    + " WHERE cve_id = ? AND state = ? AND case_id = ?")
            .params(now, cveId, e.state().name(), e.caseId())
            .update();
    if (n == 0) {
      throw changedMeanwhile(cveId);
    }
    record(PoolAction.PUBLISH, cveId, e.caseId(), actor, null);
    return true;
  }

  /**
   * Rejects a SHARED or PUBLISHED ID (its record must also be rejected at CVE Services). An ID only
   * ASSIGNED is released instead, since it never left the CNA.
   */
  @Transactional
  public void reject(String cveId, Member actor, String reason) {
    requireCnaOrSystem(actor, "reject CVE IDs");
    PoolEntry e = existing(cveId);
    switch (e.state()) {
      case SHARED, PUBLISHED -> {
        int n =
            jdbc.sql("UPDATE cve_id SET state = 'REJECTED' WHERE cve_id = ? AND state = ?")
                .params(cveId, e.state().name())
                .update();
        if (n == 0) {
          throw changedMeanwhile(cveId);
        }
        record(PoolAction.REJECT, cveId, e.caseId(), actor, reason);
      }
      case ASSIGNED ->
          throw new PoolRefusal(
              Kind.CONFLICT,
              cveId
                  + " has not left the CNA: release it back to the pool instead of rejecting it.");
      case AVAILABLE ->
          throw new PoolRefusal(Kind.CONFLICT, cveId + " is not assigned to any case.");
      default -> throw new PoolRefusal(Kind.CONFLICT, cveId + " is already rejected.");
    }
  }

  /**
   * Records that a REJECTED ID has been rejected at CVE Services too, by {@code actor} (null: the
   * system), in the case's audit log as well.
   */
  @Transactional
  public void markRejectedAtCveServices(String cveId, Member actor) {
    int n =
        jdbc.sql(
                "UPDATE cve_id SET rejected_at_cve_services = ?"
                    + " WHERE cve_id = ? AND state = 'REJECTED' AND rejected_at_cve_services IS NULL")
            .params(now(), cveId)
            .update();
    if (n == 0) {
      throw new PoolRefusal(
          Kind.CONFLICT, cveId + " is not a rejected ID waiting to be rejected at CVE Services.");
    }
    audit.append(
        actor == null ? AuditLog.SYSTEM : AuditLog.member(actor.id()),
        "cveid.rejected-at-cve-services",
        existing(cveId).caseId(),
        cveId);
  }

  // ---- reading --------------------------------------------------------------------------------

  /** One ID. */
  public Optional<PoolEntry> find(String cveId) {
    return jdbc.sql(SELECT_ENTRY + " WHERE i.cve_id = ?")
        .param(cveId)
        .query(CveIdPool::entry)
        .optional();
  }

  /** The IDs of a case, lowest first. */
  public List<PoolEntry> idsOf(long caseId) {
    return jdbc.sql(SELECT_ENTRY + " WHERE i.case_id = ? ORDER BY LENGTH(i.cve_id), i.cve_id")
        .param(caseId)
        .query(CveIdPool::entry)
        .list();
  }

  /** The pool, optionally of one year and/or state, by year then number. */
  public List<PoolEntry> list(Integer year, CveIdState state) {
    StringBuilder sql = new StringBuilder(SELECT_ENTRY).append(" WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (year != null) {
      sql.append(" AND i.cve_year = ?");
      params.add(year);
    }
    if (state != null) {
      sql.append(" AND i.state = ?");
      params.add(state.name());
    }
    sql.append(" ORDER BY i.cve_year DESC, LENGTH(i.cve_id), i.cve_id");
    return jdbc.sql(sql.toString()).params(params).query(CveIdPool::entry).list();
  }

  /** Counts by year (newest first) and state. */
  public List<YearCounts> counts() {
    Map<Integer, Map<CveIdState, Integer>> byYear = new TreeMap<>((a, b) -> b - a);
    jdbc.sql("SELECT cve_year, state, COUNT(*) FROM cve_id GROUP BY cve_year, state")
        .query(
            rs -> {
              byYear
                  .computeIfAbsent(rs.getInt(1), y -> new EnumMap<>(CveIdState.class))
                  .put(CveIdState.valueOf(rs.getString(2)), rs.getInt(3));
            });
    return byYear.entrySet().stream().map(e -> new YearCounts(e.getKey(), e.getValue())).toList();
  }

  /** How many IDs of that year are available. */
  public int available(int year) {
    return jdbc.sql("SELECT COUNT(*) FROM cve_id WHERE state = 'AVAILABLE' AND cve_year = ?")
        .param(year)
        .query(Integer.class)
        .single();
  }

  /** A case's history, oldest first. */
  public List<HistoryEntry> history(long caseId) {
    return jdbc.sql(SELECT_HISTORY + " WHERE a.case_id = ? ORDER BY a.id")
        .param(caseId)
        .query(CveIdPool::history)
        .list();
  }

  /** An ID's history, oldest first. */
  public List<HistoryEntry> historyOf(String cveId) {
    return jdbc.sql(SELECT_HISTORY + " WHERE a.cve_id = ? ORDER BY a.id")
        .param(cveId)
        .query(CveIdPool::history)
        .list();
  }

  /** The latest year an import accepts: next year (IDs are reserved ahead at year end). */
  public int latestYear() {
    return LocalDate.now(clock).getYear() + 1;
  }

  // ---- internals ------------------------------------------------------------------------------

  private static final String SELECT_ENTRY =
      "SELECT i.cve_id, i.cve_year, i.state, i.case_id, c.reference, c.sensitive, i.reserved_at,"
          + " i.source, i.shared_at, i.rejected_at_cve_services"
          + " FROM cve_id i LEFT JOIN cna_case c ON c.id = i.case_id";

  private static final String SELECT_HISTORY =
      "SELECT a.id, a.cve_id, a.case_id, a.action, a.member_id, m.username, a.at, a.note"
          + " FROM cve_assignment a LEFT JOIN member_account m ON m.id = a.member_id";

  private static PoolEntry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    long caseId = rs.getLong(4);
    boolean hasCase = !rs.wasNull();
    return new PoolEntry(
        rs.getString(1),
        rs.getInt(2),
        CveIdState.valueOf(rs.getString(3)),
        hasCase ? caseId : null,
        rs.getString(5),
        rs.getBoolean(6),
        rs.getObject(7, OffsetDateTime.class),
        rs.getString(8),
        rs.getObject(9, OffsetDateTime.class),
        rs.getObject(10, OffsetDateTime.class));
  }

  private static HistoryEntry history(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    long member = rs.getLong(5);
    boolean hasMember = !rs.wasNull();
    return new HistoryEntry(
        rs.getLong(1),
        rs.getString(2),
        rs.getLong(3),
        PoolAction.valueOf(rs.getString(4)),
        hasMember ? member : null,
        hasMember ? rs.getString(6) : "system",
        rs.getObject(7, OffsetDateTime.class),
        rs.getString(8));
  }

  private record CaseRow(long id, String reference, String state, LocalDate earliestPublicReport) {}

  private CaseRow caseRow(long caseId) {
    return jdbc.sql(
            "SELECT id, reference, state, earliest_public_report FROM cna_case WHERE id = ?")
        .param(caseId)
        .query(
            (rs, n) ->
                new CaseRow(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getObject(4, LocalDate.class)))
        .optional()
        .orElseThrow(() -> new PoolRefusal(Kind.NOT_FOUND, "There is no case #" + caseId + "."));
  }

  /** Locks the case's row until the transaction ends (serialises assignments to one case). */
  private void lockCase(long caseId) {
    jdbc.sql("SELECT id FROM cna_case WHERE id = ? FOR UPDATE")
        .param(caseId)
        .query(Long.class)
        .optional();
  }

  /** The case, if the member may see it (ADR 0008); otherwise as if it did not exist. */
  private CaseRow visibleCaseRow(long caseId, Member actor) {
    if (!access.maySee(Viewer.of(actor), caseId)) {
      throw new PoolRefusal(Kind.NOT_FOUND, "There is no case #" + caseId + ".");
    }
    return caseRow(caseId);
  }

  /** TRIAGE → RESERVED through the cases' state machine, as the assigning member's move. */
  private void reserve(CaseRow c, String cveId, Member actor) {
    try {
      cases.transition(
          c.reference(),
          CaseState.RESERVED,
          TransitionReason.note(cveId + " assigned from the CVE ID pool"),
          Viewer.of(actor));
    } catch (CaseRefusedException | CaseNotFoundException e) {
      // The case row is locked, so this is not a race: say why, and assign nothing.
      throw new PoolRefusal(
          Kind.CONFLICT,
          "The case could not move to RESERVED with its first CVE ID, so none was assigned: "
              + e.getMessage());
    }
  }

  private PoolEntry existing(String cveId) {
    return find(cveId)
        .orElseThrow(() -> new PoolRefusal(Kind.NOT_FOUND, cveId + " is not in the pool."));
  }

  private void record(PoolAction action, String cveId, long caseId, Member actor, String note) {
    OffsetDateTime at = now();
    String text = note == null || note.isBlank() ? null : clip(note.strip(), MAX_NOTE);
    Long member = actor == null ? null : actor.id();
    jdbc.sql(
            "INSERT INTO cve_assignment (cve_id, case_id, action, member_id, at, note)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(cveId, caseId, action.name(), member, at, text)
        .update();
    // The note is the member's free text and may carry case detail: the audit entry names the ID.
    audit.append(
        member == null ? AuditLog.SYSTEM : AuditLog.member(member),
        "cveid." + action.name().toLowerCase(Locale.ROOT),
        caseId,
        cveId);
    events.publishEvent(new CveIdEvent(action, cveId, caseId, member, at, text));
  }

  private static PoolRefusal changedMeanwhile(String cveId) {
    return new PoolRefusal(
        Kind.CONFLICT, cveId + " was changed by someone else meanwhile; reload and try again.");
  }

  /** Refuses unless the actor is a CNA member who signed the current agreement. */
  static void requireCna(Member actor, String what) {
    if (actor == null) {
      throw new PoolRefusal(Kind.FORBIDDEN, "Sign in as a CNA member to " + what + ".");
    }
    if (!actor.isCna()) {
      throw new PoolRefusal(Kind.FORBIDDEN, "Only CNA members may " + what + ".");
    }
    if (!actor.signedCurrentAgreement()) {
      throw new PoolRefusal(
          Kind.FORBIDDEN,
          "Sign the current pre-release disclosure agreement before you " + what + ".");
    }
  }

  private static void requireCnaOrSystem(Member actor, String what) {
    if (actor != null) {
      requireCna(actor, what);
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  private static String joined(String a, String b) {
    return b == null || b.isBlank() ? a : a + ": " + b.strip();
  }

  private static String clip(String s, int max) {
    return s.length() > max ? s.substring(0, max) : s;
  }
}
