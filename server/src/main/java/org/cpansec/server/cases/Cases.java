package org.cpansec.server.cases;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cpansec.server.audit.AuditLog;
import org.cpansec.server.store.AdvisoryCatalog;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cases: opening one (from an intake report or by hand), reading it, listing and counting what the
 * viewer may see, moving it through the state machine, labels, and who may see a sensitive case.
 * Every method checks the viewer with {@link CaseAccess} and writes the audit log.
 */
@Service
public class Cases {
  /** A case reference: {@code CPANSEC-<year>-<NNNN>}. */
  public static final Pattern REFERENCE = Pattern.compile("CPANSEC-\\d{4}-\\d{4,}");

  private static final Pattern DISTRIBUTION = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,19}");

  private final CaseStore store;
  private final CaseAccess access;
  private final ReportReader reports;
  private final Triage triage;
  private final CaseComments comments;
  private final CaseAttachments attachments;
  private final ExternalGrants grants;
  private final AdvisoryCatalog catalog;
  private final AuditLog audit;
  private final Clock clock;
  private final int maxListed;

  Cases(
      CaseStore store,
      CaseAccess access,
      ReportReader reports,
      Triage triage,
      CaseComments comments,
      CaseAttachments attachments,
      ExternalGrants grants,
      AdvisoryCatalog catalog,
      AuditLog audit,
      Clock clock,
      CasesProperties config) {
    this.store = store;
    this.access = access;
    this.reports = reports;
    this.triage = triage;
    this.comments = comments;
    this.attachments = attachments;
    this.grants = grants;
    this.catalog = catalog;
    this.audit = audit;
    this.clock = clock;
    this.maxListed = config.maxListed();
  }

  // ---- reports waiting for a case ----

  /** Vulnerability and malware reports no case was made from yet; members of the workspace. */
  @Transactional
  public List<ReportDetails.Pending> pendingReports(Viewer viewer) {
    requireWorkspaceMember(viewer);
    List<ReportDetails.Pending> out = reports.pending(maxListed);
    audit.append(viewer.actor(), "report.list", null, out.size() + " reports waiting");
    return out;
  }

  /**
   * One report, to open a case from it; members of the workspace, and — once a case was made from
   * it — only those who see that case. Audited.
   */
  @Transactional
  public ReportDetails report(long reportId, Viewer viewer) {
    requireWorkspaceMember(viewer);
    ReportDetails r =
        reports
            .find(reportId)
            .map(ReportReader.Source::details)
            .orElseThrow(CaseNotFoundException::new);
    // Once a case is made from it, the report is that case's data: the case's rule applies.
    Optional<CaseRecord> made = reports.caseOf(reportId).flatMap(store::byId);
    if (made.isPresent() && !access.maySee(viewer, made.get())) {
      throw new CaseNotFoundException();
    }
    audit.append(
        viewer.actor(), "report.view", made.map(CaseRecord::id).orElse(null), "report " + reportId);
    return r;
  }

  /** The reference of the case made from the report, if the viewer may see that case. */
  public Optional<String> caseOfReport(long reportId, Viewer viewer) {
    return reports
        .caseOf(reportId)
        .flatMap(store::byId)
        .filter(c -> access.maySee(viewer, c))
        .map(CaseRecord::reference);
  }

  private static void requireWorkspaceMember(Viewer viewer) {
    if (!(viewer instanceof Viewer.Staff s) || !CaseAccess.isWorkspaceMember(s.member())) {
      throw new CaseNotFoundException();
    }
  }

  // ---- opening a case ----

  /**
   * Opens a case from an intake report: the distribution, version and report are copied or linked,
   * the report's files become the case's attachments, and the reporter's tracking token becomes
   * their link to the case (a REPORTER grant with the same token hash). CNA members only.
   */
  @Transactional
  public String openFromReport(long reportId, String title, Viewer viewer) {
    requireWorkspaceMember(viewer);
    if (!CaseAccess.isCnaMember(CaseAccess.member(viewer))) {
      throw CaseRefusedException.notAllowed("Only CNA members open cases.");
    }
    ReportReader.Source source = reports.find(reportId).orElseThrow(CaseNotFoundException::new);
    ReportDetails r = source.details();
    if ("ACCOUNT".equals(r.kind())) {
      throw CaseRefusedException.invalid(
          "A compromised-account report goes to the PAUSE admins; it does not become a case.");
    }
    if (reports.caseOf(reportId).isPresent()) {
      throw CaseRefusedException.conflict(
          "This report already has a case"
              + caseOfReport(reportId, viewer).map(ref -> ": " + ref).orElse("")
              + ".");
    }
    String t = Texts.optional(title, "The title", 500);
    if (t == null) {
      t =
          (r.distribution() == null ? "" : r.distribution() + " ")
              + (r.version() == null ? "" : r.version() + ": ")
              + r.kind().toLowerCase(Locale.ROOT)
              + " report";
    }
    OffsetDateTime at = now();
    long memberId = CaseAccess.member(viewer).id();
    long caseId =
        insertCase(
            t,
            reportId,
            cut(r.distribution(), 200),
            cut(r.version(), 500),
            false,
            r.createdAt(),
            memberId,
            at);
    try {
      grants.insert(
          caseId,
          Party.REPORTER,
          r.reporterName(),
          r.reporterEmail(),
          source.tokenHash(),
          null,
          at);
    } catch (DuplicateKeyException e) {
      throw CaseRefusedException.conflict("This report already has a case.");
    }
    attachments.copyFromReport(caseId, reports.attachments(reportId));
    reports.markCaseOpened(reportId);
    CaseRecord c = store.byId(caseId).orElseThrow();
    audit.append(
        viewer.actor(),
        "case.create",
        caseId,
        c.reference() + " from report " + reportId + ", " + r.attachments() + " files");
    return c.reference();
  }

  /** Opens a case by hand; CNA members only. A sensitive case names its creator. */
  @Transactional
  public String create(NewCase form, Viewer viewer) {
    requireWorkspaceMember(viewer);
    if (!CaseAccess.isCnaMember(CaseAccess.member(viewer))) {
      throw CaseRefusedException.notAllowed("Only CNA members open cases.");
    }
    String title = Texts.required(form.title(), "The title", 500);
    String dist = Texts.optional(form.distribution(), "The distribution", 200);
    if (dist != null && !DISTRIBUTION.matcher(dist).matches()) {
      throw CaseRefusedException.invalid(
          "The distribution is a CPAN distribution name such as HTTP-Tiny (letters, digits, - _ ."
              + " :).");
    }
    String versions = Texts.optional(form.affectedVersions(), "The affected versions", 500);
    OffsetDateTime at = now();
    long memberId = CaseAccess.member(viewer).id();
    long caseId = insertCase(title, null, dist, versions, form.sensitive(), at, memberId, at);
    if (form.sensitive()) {
      store.name(caseId, memberId, memberId, at);
    }
    CaseRecord c = store.byId(caseId).orElseThrow();
    audit.append(
        viewer.actor(),
        "case.create",
        caseId,
        c.reference() + " by hand" + (form.sensitive() ? ", sensitive" : ""));
    return c.reference();
  }

  private long insertCase(
      String title,
      Long reportId,
      String dist,
      String versions,
      boolean sensitive,
      OffsetDateTime reportedAt,
      long memberId,
      OffsetDateTime at) {
    String reference = store.nextReference(at.getYear());
    long id =
        store.insert(
            new CaseStore.NewRow(
                reference, reportId, title, dist, versions, sensitive, reportedAt, memberId, at));
    store.recordTransition(id, null, CaseState.REPORTED, TransitionReason.note(null), memberId, at);
    triage.start(id, at);
    return id;
  }

  // ---- reading ----

  /** The member's view of a case: everything, audited as one read. */
  @Transactional
  public CaseView open(String reference, Viewer viewer) {
    CaseRecord c = access.forMember(reference, viewer);
    var member = CaseAccess.member(viewer);
    ReportDetails report =
        c.reportId() == null
            ? null
            : reports.find(c.reportId()).map(ReportReader.Source::details).orElse(null);
    CaseView view =
        new CaseView(
            c,
            store.labels(c.id()),
            store.transitions(c.id()),
            c.state().next(),
            report,
            triage.state(c.id()),
            triage.votes(c.id()),
            triage.verdict(c.id()),
            comments.all(c.id()),
            attachments.list(c.id()),
            grants.list(c.id()),
            store.cveIds(c.id()),
            store.namedMembers(c.id()),
            store.cnaMembers(),
            member.id(),
            CaseAccess.isCnaMember(member));
    audit.append(viewer.actor(), "case.view", c.id(), c.reference());
    return view;
  }

  /** What the case list asks for: free text (reference, title, distribution) and a state. */
  public record Query(Optional<String> text, Optional<CaseState> state) {
    public static Query all() {
      return new Query(Optional.empty(), Optional.empty());
    }
  }

  /** The cases the viewer may see that match, most recently changed first. Audited. */
  @Transactional
  public List<CaseRecord> search(Query q, Viewer viewer) {
    List<CaseRecord> found =
        store.search(
            access.visible(viewer),
            q.text().map(String::strip).filter(s -> !s.isEmpty()),
            q.state(),
            maxListed);
    if (viewer instanceof Viewer.Staff) {
      audit.append(
          viewer.actor(),
          "case.list",
          null,
          found.size()
              + " cases"
              + q.state().map(s -> " in " + s.name()).orElse("")
              + ": "
              + String.join(", ", found.stream().map(CaseRecord::reference).toList()));
    }
    return found;
  }

  /** How many cases the viewer may see, per state (zero for states with none). */
  public Map<CaseState, Integer> countByState(Viewer viewer) {
    return store.countByState(access.visible(viewer));
  }

  // ---- changing ----

  /**
   * Moves the case to {@code to} if the state machine allows it, with the conditions of §2: a close
   * reason when closing from triage (and the duplicate's reference for a duplicate), a CVE ID
   * assigned before RESERVED. CNA members only; recorded and audited.
   */
  @Transactional
  public void transition(String reference, CaseState to, TransitionReason reason, Viewer viewer) {
    CaseRecord c = access.forCna(reference, viewer, "change a case's state");
    if (to == null) {
      throw CaseRefusedException.invalid("Choose the state to move to.");
    }
    TransitionReason why = reason == null ? TransitionReason.note(null) : reason;
    CaseState from = c.state();
    if (!from.mayMoveTo(to)) {
      throw CaseRefusedException.conflict(from.refusal(to) + ".");
    }
    String note = Texts.optional(why.note(), "The note", 2000);
    if (to == CaseState.CLOSED && from == CaseState.TRIAGE) {
      if (why.close() == null) {
        throw CaseRefusedException.invalid(
            "Closing from triage needs a reason: out of scope, not a security issue, or duplicate.");
      }
      if (why.close() == CloseReason.DUPLICATE) {
        checkDuplicateOf(c, why.duplicateOf(), viewer);
      } else if (why.duplicateOf() != null) {
        throw CaseRefusedException.invalid("Only a duplicate names what it duplicates.");
      }
    } else if (why.close() != null || why.duplicateOf() != null) {
      throw CaseRefusedException.invalid(
          "A close reason is given only when closing a case from triage.");
    }
    if (to == CaseState.RESERVED && store.countCveIds(c.id()) == 0) {
      throw CaseRefusedException.conflict(
          "TRIAGE → RESERVED needs a CVE ID assigned to the case first (CVE pool).");
    }
    OffsetDateTime at = now();
    if (!store.move(c.id(), from, to, at)) {
      throw CaseRefusedException.conflict("The case changed meanwhile; reload it and try again.");
    }
    long memberId = CaseAccess.member(viewer).id();
    TransitionReason recorded = new TransitionReason(why.close(), why.duplicateOf(), note);
    store.recordTransition(c.id(), from, to, recorded, memberId, at);
    if (why.close() != null) {
      why.close().label().ifPresent(l -> addLabelAudited(c.id(), l, viewer));
    }
    audit.append(
        viewer.actor(),
        "case.state",
        c.id(),
        from.name()
            + " → "
            + to.name()
            + (why.close() == null ? "" : " (" + why.close().name() + ")")
            + (why.duplicateOf() == null ? "" : " of " + why.duplicateOf()));
  }

  private void checkDuplicateOf(CaseRecord c, String of, Viewer viewer) {
    if (of == null) {
      throw CaseRefusedException.invalid(
          "Name what this case duplicates: a case reference (CPANSEC-2026-0001), a CVE ID or an"
              + " advisory id.");
    }
    String ref = of.toUpperCase(Locale.ROOT);
    if (REFERENCE.matcher(ref).matches()) {
      Optional<CaseRecord> other = store.byReference(ref).filter(x -> access.maySee(viewer, x));
      if (other.isEmpty()) {
        throw CaseRefusedException.invalid("There is no case " + ref + ".");
      }
      if (other.get().id() == c.id()) {
        throw CaseRefusedException.invalid("A case does not duplicate itself.");
      }
      return;
    }
    if (catalog.database().find(of).isPresent()) {
      return;
    }
    if (CVE.matcher(ref).matches()) {
      throw CaseRefusedException.invalid(
          "No advisory knows " + ref + ": name the case or advisory it duplicates.");
    }
    throw CaseRefusedException.invalid(
        "\""
            + of
            + "\" is neither a case reference (CPANSEC-2026-0001), nor a known CVE ID or advisory"
            + " id.");
  }

  /** Puts a label on the case; CNA members only. */
  @Transactional
  public void addLabel(String reference, CaseLabel label, Viewer viewer) {
    CaseRecord c = access.forCna(reference, viewer, "label cases");
    if (label == null) {
      throw CaseRefusedException.invalid("Choose a label.");
    }
    if (!store.addLabel(c.id(), label)) {
      throw CaseRefusedException.conflict("The case already has the label " + label.text() + ".");
    }
    store.touch(c.id(), now());
    audit.append(viewer.actor(), "case.label", c.id(), "label " + label.name() + " added");
  }

  /** Takes a label off the case; CNA members only. */
  @Transactional
  public void removeLabel(String reference, CaseLabel label, Viewer viewer) {
    CaseRecord c = access.forCna(reference, viewer, "label cases");
    if (label == null) {
      throw CaseRefusedException.invalid("Choose a label.");
    }
    if (!store.removeLabel(c.id(), label)) {
      throw CaseRefusedException.conflict("The case does not have the label " + label.text() + ".");
    }
    store.touch(c.id(), now());
    audit.append(viewer.actor(), "case.label", c.id(), "label " + label.name() + " removed");
  }

  private void addLabelAudited(long caseId, CaseLabel label, Viewer viewer) {
    if (store.addLabel(caseId, label)) {
      audit.append(viewer.actor(), "case.label", caseId, "label " + label.name() + " added");
    }
  }

  /**
   * Marks the case sensitive (only the named CNA members see it; the member marking it is named) or
   * ordinary again (the names are dropped). CNA members only.
   */
  @Transactional
  public void setSensitive(String reference, boolean sensitive, Viewer viewer) {
    CaseRecord c = access.forCna(reference, viewer, "mark cases sensitive");
    if (c.sensitive() == sensitive) {
      throw CaseRefusedException.conflict(
          sensitive ? "The case is already sensitive." : "The case is not sensitive.");
    }
    OffsetDateTime at = now();
    long me = CaseAccess.member(viewer).id();
    store.setSensitive(c.id(), sensitive, at);
    if (sensitive) {
      store.name(c.id(), me, me, at);
    } else {
      store.unnameAll(c.id());
    }
    audit.append(
        viewer.actor(),
        "case.sensitive",
        c.id(),
        sensitive ? "marked sensitive" : "ordinary again");
  }

  /** Names a CNA member on a sensitive case. */
  @Transactional
  public void name(String reference, long memberId, Viewer viewer) {
    CaseRecord c = access.forCna(reference, viewer, "name members on a sensitive case");
    if (!c.sensitive()) {
      throw CaseRefusedException.conflict(
          "The case is not sensitive: every member who signed the agreement sees it.");
    }
    if (store.cnaMembers().stream().noneMatch(m -> m.id() == memberId)) {
      throw CaseRefusedException.invalid("Only an active CNA member can be named on a case.");
    }
    if (!store.name(c.id(), memberId, CaseAccess.member(viewer).id(), now())) {
      throw CaseRefusedException.conflict("That member is already named on the case.");
    }
    audit.append(viewer.actor(), "case.named", c.id(), "member " + memberId + " named");
  }

  /** Removes a member's name from a sensitive case; at least one stays. */
  @Transactional
  public void unname(String reference, long memberId, Viewer viewer) {
    CaseRecord c = access.forCna(reference, viewer, "name members on a sensitive case");
    List<CaseStore.MemberName> named = store.namedMembers(c.id());
    if (named.stream().noneMatch(m -> m.id() == memberId)) {
      throw CaseRefusedException.invalid("That member is not named on the case.");
    }
    if (named.size() == 1) {
      throw CaseRefusedException.conflict(
          "A sensitive case keeps at least one named CNA member; name another first.");
    }
    store.unname(c.id(), memberId);
    audit.append(viewer.actor(), "case.named", c.id(), "member " + memberId + " no longer named");
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
