package org.cpansec.server.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.cpansec.server.audit.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an external party sees through their link ({@code /case/{token}}): the title, distribution,
 * state, planned disclosure date and the shared comments — no votes, no private comments, no files,
 * and no reporter's identity when the reporter asked to withhold it. They may add a comment; the
 * maintainer may state that it is a vulnerability.
 */
@Service
public class ExternalCases {
  private final CaseAccess access;
  private final CaseStore store;
  private final CaseComments comments;
  private final Triage triage;
  private final ReportReader reports;
  private final AuditLog audit;
  private final Clock clock;

  ExternalCases(
      CaseAccess access,
      CaseStore store,
      CaseComments comments,
      Triage triage,
      ReportReader reports,
      AuditLog audit,
      Clock clock) {
    this.access = access;
    this.store = store;
    this.comments = comments;
    this.triage = triage;
    this.reports = reports;
    this.audit = audit;
    this.clock = clock;
  }

  /** A comment as an external party sees it. */
  public record SharedComment(String author, String body, OffsetDateTime at, boolean mine) {}

  /** The external view of a case. */
  public record View(
      String reference,
      String title,
      String distribution,
      String affectedVersions,
      CaseState state,
      LocalDate plannedDisclosure,
      Party party,
      String reportedBy,
      List<SharedComment> comments,
      boolean mayConfirm,
      boolean maintainerConfirmed) {}

  /** The case behind the link, audited as a read by the link's holder. */
  @Transactional
  public View view(Viewer viewer) {
    CaseRecord c = access.forExternal(viewer);
    CaseGrant me = ((Viewer.External) viewer).grant();
    boolean withheld = c.reportId() != null && reports.withholdsIdentity(c.reportId());
    boolean hideReporter = withheld && me.party() != Party.REPORTER;
    String reportedBy = null;
    if (!hideReporter && me.party() != Party.REPORTER && c.reportId() != null) {
      reportedBy = reporterName(c.id());
    }
    List<SharedComment> shared =
        comments.shared(c.id()).stream()
            .map(
                k ->
                    new SharedComment(
                        author(k, me, hideReporter),
                        k.body(),
                        k.createdAt(),
                        k.grantId() != null && k.grantId() == me.id()))
            .toList();
    Triage.State t = triage.state(c.id());
    boolean confirmed = t.maintainerStatementAt() != null;
    audit.append(viewer.actor(), "case.external.view", c.id(), me.party().name());
    return new View(
        c.reference(),
        c.title(),
        c.distribution(),
        c.affectedVersions(),
        c.state(),
        c.plannedDisclosure(),
        me.party(),
        reportedBy,
        shared,
        me.party() == Party.MAINTAINER && !confirmed,
        confirmed);
  }

  private String reporterName(long caseId) {
    return store.reporterGrantName(caseId).orElse(null);
  }

  private static String author(CaseComments.Comment k, CaseGrant me, boolean hideReporter) {
    if (k.memberId() != null) {
      return "CPANSec (" + k.memberName() + ")";
    }
    if (k.grantId() != null && k.grantId() == me.id()) {
      return "You";
    }
    if (k.party() == Party.REPORTER) {
      return hideReporter || k.grantName() == null ? "The reporter" : k.grantName() + " (reporter)";
    }
    if (k.party() == Party.PERL_SECURITY) {
      return "perl security team";
    }
    return (k.grantName() == null ? "" : k.grantName() + ", ") + k.party().text();
  }

  /** Adds the party's comment (shared with the case's parties and its members). */
  @Transactional
  public long comment(Viewer viewer, String body) {
    CaseRecord c = access.forExternal(viewer);
    CaseGrant me = ((Viewer.External) viewer).grant();
    String text = Texts.required(body, "The comment", CaseComments.MAX_BODY);
    OffsetDateTime at = now();
    long id = comments.insert(c.id(), null, me.id(), text, true, at);
    store.touch(c.id(), at);
    audit.append(viewer.actor(), "case.external.comment", c.id(), "comment " + id);
    return id;
  }

  /** The maintainer states, through their own link, that it is a vulnerability. */
  @Transactional
  public Verdict confirmVulnerability(Viewer viewer) {
    CaseRecord c = access.forExternal(viewer);
    CaseGrant me = ((Viewer.External) viewer).grant();
    if (me.party() != Party.MAINTAINER) {
      throw CaseRefusedException.notAllowed(
          "Only the maintainer states that it is a vulnerability here.");
    }
    if (triage.state(c.id()).maintainerStatementAt() != null) {
      throw CaseRefusedException.conflict("It is already recorded as a vulnerability.");
    }
    String who = me.name() == null ? "the maintainer" : me.name();
    return triage.maintainerSays(
        c.id(), who + " confirmed it through their link to the case", viewer);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
