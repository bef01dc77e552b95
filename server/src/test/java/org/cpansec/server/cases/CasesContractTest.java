package org.cpansec.server.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.cpansec.server.intake.ReportStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The case services on a real database: workflow, triage, comments, grants, files. */
abstract class CasesContractTest {
  @Autowired Cases cases;
  @Autowired Triage triage;
  @Autowired CaseComments comments;
  @Autowired ExternalGrants grants;
  @Autowired ExternalCases external;
  @Autowired CaseAttachments attachments;
  @Autowired ReportStore reportStore;
  @Autowired JdbcClient jdbc;
  Fixtures fx;
  Member alice;
  Member bob;
  Member carol;
  Member dave;

  @BeforeEach
  void members() {
    fx = new Fixtures(jdbc);
    alice = fx.cna("alice");
    bob = fx.cna("bob");
    carol = fx.cna("carol");
    dave = fx.member("dave", true, Role.CPANSEC_MEMBER);
  }

  Viewer as(Member m) {
    return Viewer.of(m);
  }

  String newCase(String title, String dist) {
    return cases.create(new NewCase(title, dist, "<= 1.0", false), as(alice));
  }

  static CaseRefusedException refusal(Runnable r) {
    try {
      r.run();
    } catch (CaseRefusedException e) {
      return e;
    }
    throw new AssertionError("not refused");
  }

  // ---- opening ----

  @Test
  void aCaseByHandHasAReferenceStartsReportedAndIsRecorded() {
    String ref = newCase("Path traversal in Foo::Bar", "Foo-Bar");
    assertThat(ref).matches("CPANSEC-" + Year.now(ZoneOffset.UTC) + "-\\d{4}");
    CaseView v = cases.open(ref, as(alice));
    assertThat(v.caseRecord().state()).isEqualTo(CaseState.REPORTED);
    assertThat(v.caseRecord().distribution()).isEqualTo("Foo-Bar");
    assertThat(v.history()).hasSize(1);
    assertThat(v.history().get(0).to()).isEqualTo(CaseState.REPORTED);
    long id = fx.caseId(ref);
    assertThat(fx.auditCount(id, "case.create")).isEqualTo(1);
    assertThat(fx.auditCount(id, "case.view")).isEqualTo(1);
    String next = newCase("Another", "Foo-Bar");
    assertThat(Integer.parseInt(next.substring(13)))
        .isEqualTo(Integer.parseInt(ref.substring(13)) + 1);
  }

  @Test
  void openingACaseIsForCnaMembersAndChecksItsInput() {
    assertThat(
            refusal(() -> cases.create(new NewCase("x", null, null, false), as(dave))).getMessage())
        .isEqualTo("Only CNA members open cases.");
    CaseRefusedException blank =
        refusal(() -> cases.create(new NewCase(" ", null, null, false), as(alice)));
    assertThat(blank.kind()).isEqualTo(CaseRefusedException.Kind.INVALID);
    assertThat(blank.getMessage()).isEqualTo("The title is required.");
    assertThat(
            refusal(
                    () ->
                        cases.create(new NewCase("t", "no spaces please", null, false), as(alice)))
                .getMessage())
        .contains("CPAN distribution name");
    Member unsigned = fx.member("unsigned", false, Role.CNA_MEMBER);
    assertThatThrownBy(() -> cases.create(new NewCase("t", null, null, false), as(unsigned)))
        .isInstanceOf(CaseNotFoundException.class);
  }

  @Test
  void aCaseFromAReportCopiesItLinksTheReporterAndTakesItsFiles() throws Exception {
    Fixtures.Report r = fx.report("HTTP-Tiny", "0.082", "Rita Reporter", false);
    byte[] poc = "perl -MHTTP::Tiny -e 'exploit'".getBytes(StandardCharsets.UTF_8);
    fx.reportAttachment(r.id(), "poc.pl", poc);
    assertThat(cases.pendingReports(as(dave)))
        .extracting(ReportDetails.Pending::id)
        .contains(r.id());

    String ref = cases.openFromReport(r.id(), "", as(alice));

    CaseView v = cases.open(ref, as(alice));
    assertThat(v.caseRecord().distribution()).isEqualTo("HTTP-Tiny");
    assertThat(v.caseRecord().affectedVersions()).isEqualTo("0.082");
    assertThat(v.caseRecord().title()).isEqualTo("HTTP-Tiny 0.082: vulnerability report");
    assertThat(v.report().details()).isEqualTo("Secret details of the flaw in HTTP-Tiny");
    assertThat(v.grants())
        .singleElement()
        .satisfies(g -> assertThat(g.party()).isEqualTo(Party.REPORTER));
    String grantHash =
        jdbc.sql("SELECT token_hash FROM case_grant WHERE case_id = ?")
            .param(v.caseRecord().id())
            .query(String.class)
            .single();
    assertThat(grantHash).isEqualTo(r.token().hash());
    // The tracking token opens the external view of the case, and the tracking page says so.
    Viewer reporter = grants.resolve(r.token().value()).orElseThrow();
    assertThat(external.view(reporter).reference()).isEqualTo(ref);
    assertThat(reportStore.find(r.token()).orElseThrow().status()).isEqualTo("CASE_OPENED");
    // The report's file is now a case attachment on disk, with its hash.
    assertThat(v.attachments())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.fileName()).isEqualTo("poc.pl");
              assertThat(a.sizeBytes()).isEqualTo(poc.length);
              assertThat(a.sha256()).isEqualTo(sha256(poc));
            });
    CaseAttachments.Download d = attachments.download(ref, v.attachments().get(0).id(), as(alice));
    assertThat(Files.readAllBytes(d.path())).isEqualTo(poc);
    assertThat(cases.pendingReports(as(dave)))
        .extracting(ReportDetails.Pending::id)
        .doesNotContain(r.id());
    // A report becomes one case only.
    CaseRefusedException again = refusal(() -> cases.openFromReport(r.id(), "", as(bob)));
    assertThat(again.kind()).isEqualTo(CaseRefusedException.Kind.CONFLICT);
    assertThat(again.getMessage()).isEqualTo("This report already has a case: " + ref + ".");
  }

  // ---- the state machine on the database ----

  @Test
  void theWholeWorkflowWithItsConditions() {
    String ref = newCase("Workflow", "Foo-Bar");
    long id = fx.caseId(ref);
    cases.transition(ref, CaseState.TRIAGE, TransitionReason.note("looking"), as(alice));

    CaseRefusedException skip =
        refusal(() -> cases.transition(ref, CaseState.PUBLISHED, null, as(alice)));
    assertThat(skip.kind()).isEqualTo(CaseRefusedException.Kind.CONFLICT);
    assertThat(skip.getMessage())
        .isEqualTo("TRIAGE → PUBLISHED is not allowed; next steps: RESERVED, CLOSED.");

    CaseRefusedException noCve =
        refusal(() -> cases.transition(ref, CaseState.RESERVED, null, as(alice)));
    assertThat(noCve.getMessage()).contains("needs a CVE ID assigned");
    String cve = fx.assignCve(id);

    assertThat(
            refusal(() -> cases.transition(ref, CaseState.RESERVED, null, as(dave))).getMessage())
        .isEqualTo("Only CNA members change a case's state.");

    for (CaseState s :
        List.of(
            CaseState.RESERVED,
            CaseState.MAINTAINER_CONTACTED,
            CaseState.EMBARGO,
            CaseState.DRAFTING,
            CaseState.READY_TO_PUBLISH,
            CaseState.PUBLISHED,
            CaseState.DISPUTED,
            CaseState.PUBLISHED,
            CaseState.UPDATED,
            CaseState.PUBLISHED,
            CaseState.FOLLOW_UP,
            CaseState.CLOSED)) {
      cases.transition(ref, s, null, as(bob));
    }
    CaseView v = cases.open(ref, as(alice));
    assertThat(v.caseRecord().state()).isEqualTo(CaseState.CLOSED);
    assertThat(v.caseRecord().publishedAt()).isNotNull();
    assertThat(v.caseRecord().maintainerContactedAt()).isNotNull();
    assertThat(v.cveIds()).extracting(CaseStore.CveRow::cveId).containsExactly(cve);
    assertThat(v.history()).hasSize(1 + 1 + 12);
    assertThat(v.nextStates()).isEmpty();
    assertThat(fx.auditCount(id, "case.state")).isEqualTo(13);
    assertThat(refusal(() -> cases.transition(ref, CaseState.TRIAGE, null, as(alice))).getMessage())
        .contains("CLOSED is final");
  }

  @Test
  void closingFromTriageNeedsAReasonAndADuplicateNamesItsOriginal() {
    String original = newCase("HTTP-Tiny does not verify certificates", "HTTP-Tiny");
    String ref = newCase("HTTP::Tiny TLS not verified", "HTTP-Tiny");
    cases.transition(ref, CaseState.TRIAGE, null, as(alice));
    assertThat(refusal(() -> cases.transition(ref, CaseState.CLOSED, null, as(alice))).getMessage())
        .contains("needs a reason");
    assertThat(
            refusal(
                    () ->
                        cases.transition(
                            ref,
                            CaseState.CLOSED,
                            TransitionReason.duplicate(null, null),
                            as(alice)))
                .getMessage())
        .contains("Name what this case duplicates");
    assertThat(
            refusal(
                    () ->
                        cases.transition(
                            ref,
                            CaseState.CLOSED,
                            TransitionReason.duplicate("CPANSEC-1999-9999", null),
                            as(alice)))
                .getMessage())
        .isEqualTo("There is no case CPANSEC-1999-9999.");
    assertThat(
            refusal(
                    () ->
                        cases.transition(
                            ref,
                            CaseState.CLOSED,
                            TransitionReason.duplicate(ref, null),
                            as(alice)))
                .getMessage())
        .isEqualTo("A case does not duplicate itself.");
    assertThat(
            refusal(
                    () ->
                        cases.transition(
                            ref,
                            CaseState.CLOSED,
                            TransitionReason.duplicate("CVE-1999-0001", null),
                            as(alice)))
                .getMessage())
        .contains("No advisory knows CVE-1999-0001");
    cases.transition(
        ref, CaseState.CLOSED, TransitionReason.duplicate(original, "same issue"), as(alice));
    CaseStore.Transition last = cases.open(ref, as(alice)).history().get(2);
    assertThat(last.closeReason()).isEqualTo(CloseReason.DUPLICATE);
    assertThat(last.duplicateOf()).isEqualTo(original);
    assertThat(last.note()).isEqualTo("same issue");

    // A known advisory (by its CVE alias) is a valid original too.
    String third = newCase("TLS again", "HTTP-Tiny");
    cases.transition(third, CaseState.TRIAGE, null, as(alice));
    cases.transition(
        third, CaseState.CLOSED, TransitionReason.duplicate("CVE-2023-31486", null), as(alice));

    // Out of scope and not a security issue carry their labels.
    String oos = newCase("Not ours", "Foo");
    cases.transition(oos, CaseState.TRIAGE, null, as(alice));
    cases.transition(
        oos, CaseState.CLOSED, TransitionReason.close(CloseReason.OUT_OF_SCOPE, null), as(alice));
    assertThat(cases.open(oos, as(alice)).labels()).containsExactly(CaseLabel.OUT_OF_SCOPE);
    // A close reason elsewhere is refused.
    String other = newCase("Elsewhere", "Foo");
    assertThat(
            refusal(
                    () ->
                        cases.transition(
                            other,
                            CaseState.TRIAGE,
                            TransitionReason.close(CloseReason.OUT_OF_SCOPE, null),
                            as(alice)))
                .getMessage())
        .contains("only when closing a case from triage");
  }

  @Test
  void labelsAreAddedAndRemovedByCnaMembers() {
    String ref = newCase("Labels", "Foo");
    cases.addLabel(ref, CaseLabel.CONTACT_MAINTAINERS, as(alice));
    cases.addLabel(ref, CaseLabel.MERIT_A_CVE, as(bob));
    assertThat(refusal(() -> cases.addLabel(ref, CaseLabel.MERIT_A_CVE, as(bob))).getMessage())
        .isEqualTo("The case already has the label Does this merit a CVE?.");
    assertThat(refusal(() -> cases.addLabel(ref, CaseLabel.HIGH_PRIORITY, as(dave))).getMessage())
        .isEqualTo("Only CNA members label cases.");
    cases.removeLabel(ref, CaseLabel.CONTACT_MAINTAINERS, as(alice));
    assertThat(cases.open(ref, as(dave)).labels()).containsExactly(CaseLabel.MERIT_A_CVE);
    assertThat(fx.auditCount(fx.caseId(ref), "case.label")).isEqualTo(3);
  }

  // ---- comments ----

  @Test
  void commentsKeepEveryEarlierVersionWithTimeAndEditor() {
    String ref = newCase("Comments", "Foo");
    long id = comments.add(ref, "First thought", false, as(alice));
    long daves = comments.add(ref, "A CPANSec member's note", false, as(dave));
    assertThat(refusal(() -> comments.add(ref, "share it", true, as(dave))).getMessage())
        .isEqualTo("Only CNA members share comments with external parties.");
    assertThat(refusal(() -> comments.edit(ref, id, "hijack", false, as(bob))).getMessage())
        .isEqualTo("Only the author edits a comment.");
    assertThat(
            refusal(() -> comments.edit(ref, id, "First thought", false, as(alice))).getMessage())
        .contains("Nothing changed");
    comments.edit(ref, id, "Second thought", false, as(alice));
    comments.edit(ref, id, "Third thought, shared", true, as(alice));
    assertThat(refusal(() -> comments.edit(ref, daves, "now shared", true, as(dave))).getMessage())
        .isEqualTo("Only CNA members share comments with external parties.");

    CaseComments.Comment c =
        cases.open(ref, as(bob)).comments().stream()
            .filter(k -> k.id() == id)
            .findFirst()
            .orElseThrow();
    assertThat(c.body()).isEqualTo("Third thought, shared");
    assertThat(c.shared()).isTrue();
    assertThat(c.editedAt()).isNotNull();
    assertThat(c.revisions())
        .extracting(CaseComments.Revision::body)
        .containsExactly("First thought", "Second thought");
    assertThat(c.revisions())
        .allSatisfy(
            r -> {
              assertThat(r.replacedBy()).isEqualTo("Display alice");
              assertThat(r.replacedAt()).isNotNull();
              assertThat(r.shared()).isFalse();
            });
    assertThat(fx.auditCount(fx.caseId(ref), "case.comment.edit")).isEqualTo(2);
    assertThat(refusal(() -> comments.add(ref, " ", false, as(alice))).getMessage())
        .isEqualTo("The comment is required.");
  }

  // ---- triage ----

  @Test
  void twoCnaVotesMakeItAVulnerabilityAndAVoteCanChange() {
    String ref = newCase("Votes", "Foo");
    assertThat(triage.vote(ref, true, "RCE via eval", as(alice)).outcome())
        .isEqualTo(Verdict.Outcome.UNDECIDED);
    assertThat(triage.vote(ref, false, "needs local access", as(bob)).outcome())
        .isEqualTo(Verdict.Outcome.UNDECIDED);
    Verdict v = triage.vote(ref, true, "changed my mind: remote", as(bob));
    assertThat(v.outcome()).isEqualTo(Verdict.Outcome.VULNERABILITY_BY_VOTES);
    assertThat(v.yes()).isEqualTo(2);
    assertThat(v.no()).isZero();
    CaseView view = cases.open(ref, as(alice));
    assertThat(view.votes()).hasSize(2);
    assertThat(view.votes())
        .filteredOn(x -> x.memberId() == bob.id())
        .singleElement()
        .satisfies(x -> assertThat(x.reason()).isEqualTo("changed my mind: remote"));
    assertThat(refusal(() -> triage.vote(ref, true, "me too", as(dave))).getMessage())
        .isEqualTo("Only CNA members vote.");
    assertThat(refusal(() -> triage.vote(ref, true, "", as(carol))).getMessage())
        .isEqualTo("The reason for the vote is required.");
  }

  @Test
  void theMaintainersStatementDecidesWhateverTheVotes() {
    String ref = newCase("Maintainer says so", "Foo");
    triage.vote(ref, false, "not convinced", as(alice));
    triage.vote(ref, false, "nor I", as(bob));
    assertThat(triage.verdict(fx.caseId(ref)).isVulnerability()).isFalse();
    Verdict v =
        triage.recordMaintainerStatement(
            ref, "Mail of 2026-11-20: 'yes, that is a hole'", as(carol));
    assertThat(v.outcome()).isEqualTo(Verdict.Outcome.VULNERABILITY_BY_MAINTAINER);
    assertThat(v.no()).isEqualTo(2);
    assertThat(triage.withdrawMaintainerStatement(ref, as(carol)).outcome())
        .isEqualTo(Verdict.Outcome.UNDECIDED);

    // The maintainer, through their own link.
    ExternalGrants.Issued link = grants.create(ref, Party.MAINTAINER, "Max", null, as(alice));
    Viewer max = grants.resolve(link.token()).orElseThrow();
    assertThat(external.view(max).mayConfirm()).isTrue();
    assertThat(external.confirmVulnerability(max).outcome())
        .isEqualTo(Verdict.Outcome.VULNERABILITY_BY_MAINTAINER);
    assertThat(external.view(max).maintainerConfirmed()).isTrue();
    assertThat(refusal(() -> external.confirmVulnerability(max)).getMessage())
        .contains("already recorded");
    ExternalGrants.Issued other = grants.create(ref, Party.OTHER, "Olga", null, as(alice));
    assertThat(
            refusal(
                    () ->
                        external.confirmVulnerability(grants.resolve(other.token()).orElseThrow()))
                .getMessage())
        .isEqualTo("Only the maintainer states that it is a vulnerability here.");
  }

  @Test
  void anRceImpactSuggestsHighPriorityAndFlagsAreLabels() {
    String ref = newCase("Impact", "Foo");
    Triage.Assessed a =
        triage.assess(
            ref,
            new Triage.Assessment(
                CaseSeverity.CRITICAL,
                Impact.REMOTE_CODE_EXECUTION,
                true,
                DualLife.RELEASED_SEPARATELY,
                false),
            as(alice));
    assertThat(a.highPriorityAdded()).isTrue();
    CaseView v = cases.open(ref, as(alice));
    assertThat(v.labels())
        .containsExactlyInAnyOrder(
            CaseLabel.HIGH_PRIORITY, CaseLabel.RETROACTIVE, CaseLabel.DUAL_LIFE);
    assertThat(v.triage().severity()).isEqualTo(CaseSeverity.CRITICAL);
    assertThat(v.triage().dualLife().advice()).contains("CWE-1395", "separate CVE for perl");
    assertThat(v.highPrioritySuggested()).isFalse();

    // A member takes HIGH PRIORITY off: the page still suggests it; re-saving does not force it.
    cases.removeLabel(ref, CaseLabel.HIGH_PRIORITY, as(bob));
    assertThat(cases.open(ref, as(alice)).highPrioritySuggested()).isTrue();
    Triage.Assessed again =
        triage.assess(
            ref,
            new Triage.Assessment(
                CaseSeverity.HIGH,
                Impact.REMOTE_CODE_EXECUTION,
                false,
                DualLife.NEVER_RELEASED_SEPARATELY,
                true),
            as(alice));
    assertThat(again.highPriorityAdded()).isFalse();
    v = cases.open(ref, as(alice));
    assertThat(v.labels())
        .containsExactlyInAnyOrder(CaseLabel.DUAL_LIFE, CaseLabel.UPSTREAM_VULNERABILITY);
    assertThat(v.triage().dualLife().advice())
        .isEqualTo("One CVE, for perl: the module was never released separately on CPAN.");

    // Denial of service is not high priority.
    String dos = newCase("DoS", "Foo");
    assertThat(
            triage
                .assess(
                    dos,
                    new Triage.Assessment(
                        CaseSeverity.MEDIUM, Impact.DENIAL_OF_SERVICE, false, null, false),
                    as(alice))
                .highPriorityAdded())
        .isFalse();
    assertThat(cases.open(dos, as(alice)).labels()).isEmpty();
    assertThat(
            refusal(
                    () ->
                        triage.assess(
                            dos, new Triage.Assessment(null, null, false, null, false), as(dave)))
                .getMessage())
        .isEqualTo("Only CNA members assess a case.");
  }

  @Test
  void theScopeDecisionCarriesItsLabels() {
    String ref = newCase("Scope", "Foo");
    triage.decideScope(ref, Scope.OUT_OF_SCOPE, "a web site, not CPAN", as(alice));
    assertThat(cases.open(ref, as(alice)).labels()).containsExactly(CaseLabel.OUT_OF_SCOPE);
    triage.decideScope(ref, Scope.UPSTREAM, "bundled libxml2", as(alice));
    CaseView v = cases.open(ref, as(alice));
    assertThat(v.labels()).containsExactly(CaseLabel.UPSTREAM_VULNERABILITY);
    assertThat(v.triage().scope()).isEqualTo(Scope.UPSTREAM);
    assertThat(v.triage().scopeNote()).isEqualTo("bundled libxml2");
    triage.decideScope(ref, Scope.PERL_CORE, null, as(alice));
    assertThat(cases.open(ref, as(alice)).triage().scope()).isEqualTo(Scope.PERL_CORE);
  }

  @Test
  void duplicatesAreSearchedInAdvisoriesAndVisibleCases() {
    String mine = newCase("HTTP::Tiny certificate verification", "HTTP-Tiny");
    String twin = newCase("TLS certificate not verified", "HTTP-Tiny");
    String hidden = newCase("HTTP-Tiny certificate secret", "HTTP-Tiny");
    cases.setSensitive(hidden, true, as(alice));
    Triage.Duplicates forBob = triage.duplicates(mine, null, "certificate verify_SSL", as(bob));
    assertThat(forBob.advisories()).extracting(a -> a.id()).contains("CPANSA-HTTP-Tiny-2023-31486");
    assertThat(forBob.cases())
        .extracting(CaseRecord::reference)
        .contains(twin)
        .doesNotContain(mine, hidden);
    Triage.Duplicates forAlice = triage.duplicates(mine, "HTTP-Tiny", "certificate", as(alice));
    assertThat(forAlice.cases()).extracting(CaseRecord::reference).contains(twin, hidden);
    assertThat(fx.auditCount(fx.caseId(mine), "case.duplicates")).isEqualTo(2);
  }

  @Test
  void theBlastRadiusIsTypedOrFilledByTheIndex() {
    String ref = newCase("Blast", "Foo");
    triage.setBlastRadius(ref, "Bar-Baz\nQux\n", as(alice));
    assertThat(cases.open(ref, as(dave)).triage().blastRadiusList())
        .containsExactly("Bar-Baz", "Qux");
    assertThat(refusal(() -> triage.setBlastRadius(ref, "x", as(dave))).getMessage())
        .isEqualTo("Only CNA members edit the blast radius.");
    long id = fx.caseId(ref);
    triage.recordBlastRadius(id, List.of("Mojo", "Dancer2", "Mojo", " "), "02packages 2026-11-25");
    Triage.State t = cases.open(ref, as(alice)).triage();
    assertThat(t.blastRadiusList()).containsExactly("Mojo", "Dancer2");
    assertThat(t.blastRadiusBy()).isEqualTo("system (02packages 2026-11-25)");
    assertThat(
            jdbc.sql(
                    "SELECT actor FROM audit_log WHERE case_id = ? AND action = 'case.blast-radius'"
                        + " ORDER BY id")
                .param(id)
                .query(String.class)
                .list())
        .containsExactly(org.cpansec.server.audit.AuditLog.member(alice.id()), "system");
  }

  // ---- external parties ----

  @Test
  void linksAreCreatedShownOnceStoredHashedAndRevoked() {
    String ref = newCase("Links", "Foo");
    ExternalGrants.Issued issued =
        grants.create(ref, Party.MAINTAINER, "Max Maintainer", "max@example.org", as(alice));
    assertThat(issued.token()).hasSize(43);
    assertThat(issued.toString()).doesNotContain(issued.token());
    String stored =
        jdbc.sql("SELECT token_hash FROM case_grant WHERE id = ?")
            .param(issued.grant().id())
            .query(String.class)
            .single();
    assertThat(stored).hasSize(64).isNotEqualTo(issued.token());
    assertThat(grants.resolve(issued.token())).isPresent();
    assertThat(refusal(() -> grants.create(ref, Party.REPORTER, "x", null, as(alice))).getMessage())
        .contains("the reporter's link is their tracking link");
    assertThat(
            refusal(() -> grants.create(ref, Party.OTHER, "x", "not-an-address", as(alice)))
                .getMessage())
        .contains("must look like");
    assertThat(refusal(() -> grants.create(ref, Party.OTHER, "x", null, as(dave))).getMessage())
        .isEqualTo("Only CNA members give external parties a link.");
    Viewer max = grants.resolve(issued.token()).orElseThrow();
    grants.revoke(ref, issued.grant().id(), as(bob));
    assertThat(grants.resolve(issued.token())).isEmpty();
    // Even a viewer resolved before the revocation sees nothing now.
    assertThatThrownBy(() -> external.view(max)).isInstanceOf(CaseNotFoundException.class);
    assertThat(refusal(() -> grants.revoke(ref, issued.grant().id(), as(bob))).getMessage())
        .isEqualTo("This link is already revoked.");
    assertThat(grants.resolve("not a token")).isEmpty();
    assertThat(grants.resolve("A".repeat(43))).isEmpty();
  }

  @Test
  void theExternalViewShowsSharedCommentsOnlyAndHidesAWithheldReporter() {
    Fixtures.Report r = fx.report("Secret-Dist", "1.0", "Wanda Withheld", true);
    String ref = cases.openFromReport(r.id(), "Injection in Secret-Dist", as(alice));
    comments.add(ref, "Private: we think it is an RCE", false, as(alice));
    comments.add(ref, "Dear maintainer, please look", true, as(alice));
    Viewer reporter = grants.resolve(r.token().value()).orElseThrow();
    external.comment(reporter, "Reporter here: more details");
    ExternalGrants.Issued link = grants.create(ref, Party.MAINTAINER, "Max", null, as(alice));
    Viewer max = grants.resolve(link.token()).orElseThrow();

    ExternalCases.View forMax = external.view(max);
    assertThat(forMax.title()).isEqualTo("Injection in Secret-Dist");
    assertThat(forMax.state()).isEqualTo(CaseState.REPORTED);
    assertThat(forMax.reportedBy()).isNull();
    assertThat(forMax.comments())
        .extracting(ExternalCases.SharedComment::body)
        .containsExactly("Dear maintainer, please look", "Reporter here: more details");
    assertThat(forMax.comments())
        .extracting(ExternalCases.SharedComment::author)
        .containsExactly("CPANSec (Display alice)", "The reporter");
    assertThat(forMax.toString()).doesNotContain("Wanda", "reporter@example.org", "Private");

    ExternalCases.View forReporter = external.view(reporter);
    assertThat(forReporter.comments())
        .extracting(ExternalCases.SharedComment::author)
        .containsExactly("CPANSec (Display alice)", "You");
    // Members see who it is.
    CaseView members = cases.open(ref, as(bob));
    assertThat(members.report().reporterName()).isEqualTo("Wanda Withheld");
    assertThat(members.comments()).hasSize(3);

    // Without the wish, the maintainer sees the reporter's name (never the address).
    Fixtures.Report open = fx.report("Open-Dist", "2.0", "Otto Open", false);
    String ref2 = cases.openFromReport(open.id(), "", as(alice));
    external.comment(grants.resolve(open.token().value()).orElseThrow(), "hello");
    ExternalCases.View seen =
        external.view(
            grants
                .resolve(grants.create(ref2, Party.MAINTAINER, null, null, as(alice)).token())
                .orElseThrow());
    assertThat(seen.reportedBy()).isEqualTo("Otto Open");
    assertThat(seen.comments())
        .extracting(ExternalCases.SharedComment::author)
        .containsExactly("Otto Open (reporter)");
    assertThat(seen.toString()).doesNotContain("reporter@example.org");
    long id = fx.caseId(ref);
    assertThat(fx.auditCount(id, "case.external.view")).isEqualTo(2);
    assertThat(fx.auditCount(id, "case.external.comment")).isEqualTo(1);
  }

  // ---- sensitive cases ----

  @Test
  void aSensitiveCaseIsSeenOnlyByItsNamedCnaMembers() {
    String ref = newCase("Sensitive", "Foo");
    cases.setSensitive(ref, true, as(alice));
    assertThat(cases.open(ref, as(alice)).namedMembers())
        .extracting(CaseStore.MemberName::id)
        .containsExactly(alice.id());
    assertThatThrownBy(() -> cases.open(ref, as(bob))).isInstanceOf(CaseNotFoundException.class);
    assertThatThrownBy(() -> comments.add(ref, "x", false, as(bob)))
        .isInstanceOf(CaseNotFoundException.class);
    assertThatThrownBy(() -> cases.transition(ref, CaseState.TRIAGE, null, as(bob)))
        .isInstanceOf(CaseNotFoundException.class);
    assertThat(cases.search(new Cases.Query(Optional.of(ref), Optional.empty()), as(bob)))
        .isEmpty();
    assertThat(refusal(() -> cases.name(ref, dave.id(), as(alice))).getMessage())
        .isEqualTo("Only an active CNA member can be named on a case.");
    cases.name(ref, bob.id(), as(alice));
    assertThat(cases.open(ref, as(bob)).caseRecord().sensitive()).isTrue();
    cases.unname(ref, alice.id(), as(bob));
    assertThatThrownBy(() -> cases.open(ref, as(alice))).isInstanceOf(CaseNotFoundException.class);
    assertThat(refusal(() -> cases.unname(ref, bob.id(), as(bob))).getMessage())
        .contains("at least one named CNA member");
    cases.setSensitive(ref, false, as(bob));
    assertThat(cases.open(ref, as(dave)).namedMembers()).isEmpty();
  }

  @Test
  void theReportOfASensitiveCaseIsTheCasesData() {
    Fixtures.Report r = fx.report("Hush-Dist", "0.1", "Quiet", false);
    assertThat(cases.report(r.id(), as(bob)).details()).contains("Hush-Dist");
    String ref = cases.openFromReport(r.id(), "", as(alice));
    cases.setSensitive(ref, true, as(alice));
    assertThat(cases.report(r.id(), as(alice)).id()).isEqualTo(r.id());
    assertThatThrownBy(() -> cases.report(r.id(), as(bob)))
        .isInstanceOf(CaseNotFoundException.class);
    assertThat(cases.caseOfReport(r.id(), as(bob))).isEmpty();
    CaseRefusedException again = refusal(() -> cases.openFromReport(r.id(), "", as(bob)));
    assertThat(again.getMessage()).isEqualTo("This report already has a case.");
    assertThatThrownBy(() -> cases.report(r.id(), as(fx.member("admin", true, Role.ADMIN))))
        .isInstanceOf(CaseNotFoundException.class);
  }

  // ---- attachments ----

  @Test
  void attachmentsAreStoredUnderRandomNamesWithTheirHashAndLimited() throws Exception {
    String ref = newCase("Files", "Foo");
    byte[] log = "GET /../../etc/passwd".getBytes(StandardCharsets.UTF_8);
    CaseAttachments.Info info =
        attachments.upload(
            ref, "C:\\Users\\me\\exploit log.txt", new ByteArrayInputStream(log), as(dave));
    assertThat(info.fileName()).isEqualTo("exploit log.txt");
    assertThat(info.sha256()).isEqualTo(sha256(log));
    String storage =
        jdbc.sql("SELECT storage_name FROM case_attachment WHERE id = ?")
            .param(info.id())
            .query(String.class)
            .single();
    assertThat(storage).matches("[0-9a-f]{32}");
    CaseAttachments.Download d = attachments.download(ref, info.id(), as(alice));
    assertThat(d.path().getFileName().toString()).isEqualTo(storage);
    assertThat(Files.readAllBytes(d.path())).isEqualTo(log);
    assertThat(Files.getPosixFilePermissions(d.path().getParent()))
        .containsExactlyInAnyOrder(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE);
    long id = fx.caseId(ref);
    assertThat(fx.auditCount(id, "case.attachment.upload")).isEqualTo(1);
    assertThat(fx.auditCount(id, "case.attachment.download")).isEqualTo(1);

    long max = attachments.maxBytes();
    int filesBefore = Files.list(d.path().getParent()).toList().size();
    CaseRefusedException big =
        refusal(
            () ->
                attachments.upload(
                    ref, "big.bin", new ByteArrayInputStream(new byte[(int) max + 1]), as(alice)));
    assertThat(big.getMessage())
        .isEqualTo(
            "The file big.bin is larger than the limit of 64.0 KB. Compress it or split it.");
    assertThat(
            attachments
                .upload(ref, "exact.bin", new ByteArrayInputStream(new byte[(int) max]), as(alice))
                .sizeBytes())
        .isEqualTo(max);
    assertThat(
            refusal(
                    () ->
                        attachments.upload(
                            ref, "empty", new ByteArrayInputStream(new byte[0]), as(alice)))
                .getMessage())
        .isEqualTo("The file empty is empty.");
    // Refused uploads leave no file behind; the accepted one is there.
    assertThat(Files.list(d.path().getParent()).toList()).hasSize(filesBefore + 1);
    Member admin = fx.member("admin", true, Role.ADMIN);
    assertThatThrownBy(() -> attachments.download(ref, info.id(), as(admin)))
        .isInstanceOf(CaseNotFoundException.class);
    String otherRef = newCase("Other", "Foo");
    assertThatThrownBy(() -> attachments.download(otherRef, info.id(), as(alice)))
        .isInstanceOf(CaseNotFoundException.class);
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
