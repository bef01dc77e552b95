package org.cpansec.server.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cpansec.server.audit.AuditLog;
import org.cpansec.server.store.AdvisorySearch;
import org.cpansec.server.store.AdvisoryStore;
import org.cpansec.server.store.AdvisorySummary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Triage of a case (CPANSEC-PROCESS.md §2): the scope decision, the assessment (severity, impact,
 * RETROACTIVE, Dual Life with the CVE-split rule, Upstream Vulnerability), the CNA members' votes
 * and the maintainer's own statement, the blast radius, and the duplicate search. The flags are the
 * case's labels, so a flag and its label never disagree.
 */
@Service
public class Triage {
  static final int MAX_REASON = 2000;

  /** The longest blast radius kept, in characters. */
  public static final int MAX_BLAST_RADIUS = 100_000;

  private final JdbcClient jdbc;
  private final CaseAccess access;
  private final CaseStore store;
  private final AuditLog audit;
  private final AdvisoryStore advisories;
  private final Clock clock;

  Triage(
      JdbcClient jdbc,
      CaseAccess access,
      CaseStore store,
      AuditLog audit,
      AdvisoryStore advisories,
      Clock clock) {
    this.jdbc = jdbc;
    this.access = access;
    this.store = store;
    this.audit = audit;
    this.advisories = advisories;
    this.clock = clock;
  }

  /** The triage of a case as stored. */
  public record State(
      Scope scope,
      String scopeNote,
      CaseSeverity severity,
      Impact impact,
      DualLife dualLife,
      String maintainerStatement,
      OffsetDateTime maintainerStatementAt,
      String maintainerStatementBy,
      String blastRadius,
      String blastRadiusBy,
      OffsetDateTime blastRadiusAt) {

    /** The downstream distributions, one a line. */
    public List<String> blastRadiusList() {
      return blastRadius == null
          ? List.of()
          : blastRadius.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
  }

  /** One CNA member's vote. */
  public record Vote(
      long memberId, String memberName, boolean vulnerability, String reason, OffsetDateTime at) {}

  /** What the assessment form sets. */
  public record Assessment(
      CaseSeverity severity,
      Impact impact,
      boolean retroactive,
      DualLife dualLife,
      boolean upstream) {
    public Assessment {
      dualLife = dualLife == null ? DualLife.NOT_DUAL_LIFE : dualLife;
    }
  }

  /** Creates the case's (empty) triage row; part of creating a case. */
  void start(long caseId, OffsetDateTime at) {
    jdbc.sql("INSERT INTO case_triage (case_id, updated_at) VALUES (?, ?)")
        .params(caseId, at)
        .update();
  }

  /** Records the scope decision; out of scope and upstream carry their labels. */
  @Transactional
  public void decideScope(String reference, Scope scope, String note, Viewer viewer) {
    CaseRecord c = access.forCna(reference, viewer, "decide the scope");
    if (scope == null) {
      throw CaseRefusedException.invalid(
          "Choose a scope: in scope, out of scope, perl core or upstream.");
    }
    String text = Texts.optional(note, "The note", MAX_REASON);
    OffsetDateTime at = now();
    jdbc.sql("UPDATE case_triage SET scope = ?, scope_note = ?, updated_at = ? WHERE case_id = ?")
        .params(scope.name(), text, at, c.id())
        .update();
    label(c.id(), CaseLabel.OUT_OF_SCOPE, scope == Scope.OUT_OF_SCOPE, viewer);
    if (scope == Scope.UPSTREAM) {
      label(c.id(), CaseLabel.UPSTREAM_VULNERABILITY, true, viewer);
    }
    store.touch(c.id(), at);
    audit.append(viewer.actor(), "case.scope", c.id(), "scope " + scope.name());
  }

  /** What an assessment changed that the member should know. */
  public record Assessed(boolean highPriorityAdded) {}

  /**
   * Records severity, impact and flags. When the impact becomes remote code execution, privilege
   * escalation or authentication bypass, HIGH PRIORITY is added (a member may remove it again).
   */
  @Transactional
  public Assessed assess(String reference, Assessment a, Viewer viewer) {
    CaseRecord c = access.forCna(reference, viewer, "assess a case");
    State before = state(c.id());
    OffsetDateTime at = now();
    jdbc.sql(
            "UPDATE case_triage SET severity = ?, impact = ?, dual_life = ?, updated_at = ?"
                + " WHERE case_id = ?")
        .params(
            a.severity() == null ? null : a.severity().name(),
            a.impact() == null ? null : a.impact().name(),
            a.dualLife().name(),
            at,
            c.id())
        .update();
    label(c.id(), CaseLabel.RETROACTIVE, a.retroactive(), viewer);
    label(c.id(), CaseLabel.UPSTREAM_VULNERABILITY, a.upstream(), viewer);
    label(c.id(), CaseLabel.DUAL_LIFE, a.dualLife() != DualLife.NOT_DUAL_LIFE, viewer);
    boolean added = false;
    if (a.impact() != null && a.impact().highPriority() && a.impact() != before.impact()) {
      added = store.addLabel(c.id(), CaseLabel.HIGH_PRIORITY);
    }
    store.touch(c.id(), at);
    audit.append(
        viewer.actor(),
        "case.assess",
        c.id(),
        "severity "
            + a.severity()
            + ", impact "
            + a.impact()
            + ", dual life "
            + a.dualLife()
            + ", retroactive "
            + a.retroactive()
            + ", upstream "
            + a.upstream()
            + (added ? "; HIGH_PRIORITY added for the impact" : ""));
    return new Assessed(added);
  }

  /** Sets or clears a flag label, auditing only a real change. */
  private void label(long caseId, CaseLabel label, boolean on, Viewer viewer) {
    boolean changed = on ? store.addLabel(caseId, label) : store.removeLabel(caseId, label);
    if (changed) {
      audit.append(
          viewer.actor(),
          "case.label",
          caseId,
          "label " + label.name() + (on ? " added" : " removed"));
    }
  }

  /** A CNA member's vote; a second vote by the same member replaces their first. */
  @Transactional
  public Verdict vote(String reference, boolean vulnerability, String reason, Viewer viewer) {
    CaseRecord c = access.forCna(reference, viewer, "vote");
    String why = Texts.required(reason, "The reason for the vote", MAX_REASON);
    long me = CaseAccess.member(viewer).id();
    OffsetDateTime at = now();
    Optional<Boolean> previous =
        jdbc.sql("SELECT vulnerability FROM case_vote WHERE case_id = ? AND member_id = ?")
            .params(c.id(), me)
            .query(Boolean.class)
            .optional();
    if (previous.isPresent()) {
      jdbc.sql(
              "UPDATE case_vote SET vulnerability = ?, reason = ?, voted_at = ?"
                  + " WHERE case_id = ? AND member_id = ?")
          .params(vulnerability, why, at, c.id(), me)
          .update();
    } else {
      jdbc.sql(
              "INSERT INTO case_vote (case_id, member_id, vulnerability, reason, voted_at)"
                  + " VALUES (?, ?, ?, ?, ?)")
          .params(c.id(), me, vulnerability, why, at)
          .update();
    }
    store.touch(c.id(), at);
    Verdict verdict = verdict(c.id());
    audit.append(
        viewer.actor(),
        "case.vote",
        c.id(),
        (vulnerability ? "vulnerability" : "not a vulnerability")
            + previous
                .map(p -> " (was " + (p ? "vulnerability" : "not a vulnerability") + ")")
                .orElse("")
            + "; verdict "
            + verdict.outcome().name());
    return verdict;
  }

  /**
   * Records, on a member's word, that the maintainer said it is a vulnerability, with where they
   * said it. From then on it is one, whatever the votes.
   */
  @Transactional
  public Verdict recordMaintainerStatement(String reference, String statement, Viewer viewer) {
    CaseRecord c = access.forCna(reference, viewer, "record the maintainer's statement");
    String text = Texts.required(statement, "Where and how the maintainer said so", MAX_REASON);
    return maintainerSays(c.id(), text, viewer);
  }

  /** Withdraws a statement recorded by mistake. */
  @Transactional
  public Verdict withdrawMaintainerStatement(String reference, Viewer viewer) {
    CaseRecord c = access.forCna(reference, viewer, "withdraw the maintainer's statement");
    OffsetDateTime at = now();
    jdbc.sql(
            "UPDATE case_triage SET maintainer_statement = NULL, maintainer_statement_at = NULL,"
                + " maintainer_statement_by = NULL, updated_at = ? WHERE case_id = ?")
        .params(at, c.id())
        .update();
    store.touch(c.id(), at);
    Verdict verdict = verdict(c.id());
    audit.append(
        viewer.actor(),
        "case.maintainer-statement",
        c.id(),
        "withdrawn; verdict " + verdict.outcome().name());
    return verdict;
  }

  /** Stores the maintainer's statement (by a member, or by the maintainer's own link). */
  Verdict maintainerSays(long caseId, String statement, Viewer viewer) {
    OffsetDateTime at = now();
    jdbc.sql(
            "UPDATE case_triage SET maintainer_statement = ?, maintainer_statement_at = ?,"
                + " maintainer_statement_by = ?, updated_at = ? WHERE case_id = ?")
        .params(statement, at, viewer.actor(), at, caseId)
        .update();
    store.touch(caseId, at);
    Verdict verdict = verdict(caseId);
    audit.append(
        viewer.actor(),
        "case.maintainer-statement",
        caseId,
        "recorded; verdict " + verdict.outcome().name());
    return verdict;
  }

  /**
   * Records when the issue was first made public (an issue, a commit, a post), or clears it with
   * null: the CVE year rule takes that date's year (CPANSEC-PROCESS.md §3). Never a future date. An
   * ID already assigned keeps its year: the rule applies to the next assignment.
   */
  @Transactional
  public void setEarliestPublicReport(String reference, LocalDate date, Viewer viewer) {
    CaseRecord c = access.forCna(reference, viewer, "record the earliest public report");
    OffsetDateTime at = now();
    if (date != null && date.isAfter(at.toLocalDate())) {
      throw CaseRefusedException.invalid(
          "The earliest public report (" + date + ") cannot be in the future.");
    }
    store.setEarliestPublicReport(c.id(), date, at);
    audit.append(
        viewer.actor(),
        "case.earliest-public-report",
        c.id(),
        date == null ? "cleared" : date.toString());
  }

  /** Replaces the blast radius: the downstream distributions, one a line. */
  @Transactional
  public void setBlastRadius(String reference, String text, Viewer viewer) {
    CaseRecord c = access.forCna(reference, viewer, "edit the blast radius");
    String value = Texts.optional(text, "The blast radius", MAX_BLAST_RADIUS);
    blastRadius(c.id(), value, viewer.actor());
  }

  /**
   * Fills the blast radius from an index of CPAN dependencies (the platform's own job, no viewer:
   * audited as {@code system} with the source named). Replaces what was there.
   */
  @Transactional
  public void recordBlastRadius(long caseId, List<String> downstream, String source) {
    if (store.byId(caseId).isEmpty()) {
      throw new CaseNotFoundException();
    }
    String value =
        downstream.stream()
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .distinct()
            .reduce((x, y) -> x + "\n" + y)
            .orElse(null);
    if (value != null && value.length() > MAX_BLAST_RADIUS) {
      throw new IllegalArgumentException("blast radius over " + MAX_BLAST_RADIUS + " characters");
    }
    String by = AuditLog.SYSTEM + (source == null || source.isBlank() ? "" : " (" + source + ")");
    blastRadius(caseId, value, by.length() > 100 ? by.substring(0, 100) : by);
  }

  private void blastRadius(long caseId, String value, String by) {
    OffsetDateTime at = now();
    jdbc.sql(
            "UPDATE case_triage SET blast_radius = ?, blast_radius_by = ?, blast_radius_at = ?,"
                + " updated_at = ? WHERE case_id = ?")
        .params(value, by, at, at, caseId)
        .update();
    store.touch(caseId, at);
    int count = value == null ? 0 : (int) value.lines().filter(l -> !l.isBlank()).count();
    audit.append(
        by.startsWith(AuditLog.SYSTEM) ? AuditLog.SYSTEM : by,
        "case.blast-radius",
        caseId,
        count + " downstream distributions" + (by.startsWith(AuditLog.SYSTEM) ? ", by " + by : ""));
  }

  /** Possible duplicates of a case: advisories and other cases the viewer may see. */
  public record Duplicates(
      String distribution,
      List<String> words,
      List<AdvisorySummary> advisories,
      List<CaseRecord> cases) {}

  /**
   * Searches the advisory database and the cases the viewer may see, by distribution and by words
   * (of at least three letters); best matches first.
   */
  @Transactional
  public Duplicates duplicates(String reference, String distribution, String words, Viewer viewer) {
    CaseRecord c = access.forMember(reference, viewer);
    String dist =
        distribution == null || distribution.isBlank() ? c.distribution() : distribution.strip();
    List<String> terms = terms(words == null || words.isBlank() ? c.title() : words);
    Map<String, Integer> advisoryScore = new LinkedHashMap<>();
    Map<String, AdvisorySummary> advisoryById = new LinkedHashMap<>();
    if (dist != null && !dist.isBlank()) {
      for (AdvisorySummary a : advisories.search(search(Optional.empty(), Optional.of(dist)))) {
        advisoryById.putIfAbsent(a.id(), a);
        advisoryScore.merge(a.id(), 2, Integer::sum);
      }
    }
    for (String t : terms) {
      for (AdvisorySummary a : advisories.search(search(Optional.of(t), Optional.empty()))) {
        advisoryById.putIfAbsent(a.id(), a);
        advisoryScore.merge(a.id(), 1, Integer::sum);
      }
    }
    CaseAccess.Clause visible = access.visible(viewer);
    Map<Long, Integer> caseScore = new LinkedHashMap<>();
    Map<Long, CaseRecord> caseById = new LinkedHashMap<>();
    List<String> caseTerms = new ArrayList<>(terms);
    for (String t : caseTerms) {
      for (CaseRecord other : store.search(visible, Optional.of(t), Optional.empty(), 50)) {
        caseById.putIfAbsent(other.id(), other);
        caseScore.merge(other.id(), 1, Integer::sum);
      }
    }
    if (dist != null && !dist.isBlank()) {
      for (CaseRecord other : store.search(visible, Optional.of(dist), Optional.empty(), 50)) {
        if (other.distribution() != null && other.distribution().equalsIgnoreCase(dist)) {
          caseById.putIfAbsent(other.id(), other);
          caseScore.merge(other.id(), 2, Integer::sum);
        }
      }
    }
    caseById.remove(c.id());
    List<AdvisorySummary> foundAdvisories =
        advisoryById.values().stream()
            .sorted(Comparator.comparing((AdvisorySummary a) -> -advisoryScore.get(a.id())))
            .limit(25)
            .toList();
    List<CaseRecord> foundCases =
        caseById.values().stream()
            .sorted(Comparator.comparing((CaseRecord x) -> -caseScore.get(x.id())))
            .limit(25)
            .toList();
    audit.append(
        viewer.actor(),
        "case.duplicates",
        c.id(),
        foundAdvisories.size()
            + " advisories, "
            + foundCases.size()
            + " cases: "
            + String.join(", ", foundCases.stream().map(CaseRecord::reference).toList()));
    return new Duplicates(dist, terms, foundAdvisories, foundCases);
  }

  private static final Set<String> STOP =
      Set.of("the", "and", "for", "with", "from", "that", "this", "are", "not", "via", "perl");

  /** Distinct lower-case words of three or more letters, at most six. */
  static List<String> terms(String text) {
    Set<String> out = new LinkedHashSet<>();
    if (text != null) {
      for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_:-]+")) {
        if (w.length() >= 3 && !STOP.contains(w) && out.size() < 6) {
          out.add(w);
        }
      }
    }
    return List.copyOf(out);
  }

  private static AdvisorySearch search(Optional<String> text, Optional<String> dist) {
    return new AdvisorySearch(
        text, dist, Optional.empty(), Optional.empty(), Optional.empty(), 50, 0);
  }

  State state(long caseId) {
    return jdbc.sql(
            "SELECT scope, scope_note, severity, impact, dual_life, maintainer_statement,"
                + " maintainer_statement_at, maintainer_statement_by, blast_radius,"
                + " blast_radius_by, blast_radius_at FROM case_triage WHERE case_id = ?")
        .param(caseId)
        .query(
            (rs, n) ->
                new State(
                    rs.getString(1) == null ? null : Scope.valueOf(rs.getString(1)),
                    rs.getString(2),
                    rs.getString(3) == null ? null : CaseSeverity.valueOf(rs.getString(3)),
                    rs.getString(4) == null ? null : Impact.valueOf(rs.getString(4)),
                    DualLife.valueOf(rs.getString(5)),
                    rs.getString(6),
                    rs.getObject(7, OffsetDateTime.class),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getString(10),
                    rs.getObject(11, OffsetDateTime.class)))
        .optional()
        .orElseThrow(() -> new IllegalStateException("case " + caseId + " has no triage row"));
  }

  List<Vote> votes(long caseId) {
    return jdbc.sql(
            "SELECT v.member_id, m.display_name, v.vulnerability, v.reason, v.voted_at"
                + " FROM case_vote v JOIN member_account m ON m.id = v.member_id"
                + " WHERE v.case_id = ? ORDER BY v.voted_at, v.member_id")
        .param(caseId)
        .query(
            (rs, n) ->
                new Vote(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getBoolean(3),
                    rs.getString(4),
                    rs.getObject(5, OffsetDateTime.class)))
        .list();
  }

  Verdict verdict(long caseId) {
    List<Boolean> votes =
        jdbc.sql("SELECT vulnerability FROM case_vote WHERE case_id = ?")
            .param(caseId)
            .query(Boolean.class)
            .list();
    boolean maintainer =
        jdbc.sql(
                    "SELECT COUNT(*) FROM case_triage WHERE case_id = ?"
                        + " AND maintainer_statement_at IS NOT NULL")
                .param(caseId)
                .query(Integer.class)
                .single()
            > 0;
    return Verdict.of(votes, maintainer);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
