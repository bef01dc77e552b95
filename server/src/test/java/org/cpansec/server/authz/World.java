package org.cpansec.server.authz;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.cpansec.server.account.Role;
import org.cpansec.server.account.WorkspaceClient;
import org.cpansec.server.cases.CaseAttachments;
import org.cpansec.server.cases.CaseComments;
import org.cpansec.server.cases.CaseState;
import org.cpansec.server.cases.Cases;
import org.cpansec.server.cases.ExternalGrants;
import org.cpansec.server.cases.Fixtures;
import org.cpansec.server.cases.Party;
import org.cpansec.server.cases.Scope;
import org.cpansec.server.cases.SignedMembers;
import org.cpansec.server.cases.Triage;
import org.cpansec.server.cases.Viewer;
import org.cpansec.server.intake.TrackingToken;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The matrix's fixtures, made once per database: members of every kind signed in over HTTP with
 * password and code, and one case per state of interest (plus a sensitive one), each opened from a
 * report and filled through the services with a canary in every field that takes text.
 */
final class World {
  /** The states of the matrix's ordinary cases; the sensitive case is in EMBARGO. */
  static final List<CaseState> STATES =
      List.of(CaseState.REPORTED, CaseState.EMBARGO, CaseState.PUBLISHED, CaseState.CLOSED);

  final String run = HexFormat.of().formatHex(randomBytes(4));
  final List<MatrixCase> cases = new ArrayList<>();
  final List<Who> members = new ArrayList<>();

  /** Anonymous and the external parties' sessions (no member). */
  final List<Who> outsiders = new ArrayList<>();

  Who named;
  Who otherCna;
  Who cpansec;
  Who adminCna;
  Who anonymous;

  private final int port;
  private final JdbcClient jdbc;
  private final SignedMembers signed;
  private final Fixtures fx;
  private final Cases caseService;
  private final CaseComments comments;
  private final CaseAttachments attachments;
  private final Triage triage;
  private final ExternalGrants grants;
  private final ApplicationContext context;

  World(ApplicationContext context, int port) {
    this.context = context;
    this.port = port;
    this.jdbc = context.getBean(JdbcClient.class);
    this.signed = new SignedMembers(context, port);
    this.fx = new Fixtures(jdbc);
    this.caseService = context.getBean(Cases.class);
    this.comments = context.getBean(CaseComments.class);
    this.attachments = context.getBean(CaseAttachments.class);
    this.triage = context.getBean(Triage.class);
    this.grants = context.getBean(ExternalGrants.class);
  }

  World build() {
    SignedMembers.Signed creator = signed.cna("mx-named");
    named = sign("named CNA member", creator, true);
    otherCna = sign("CNA member not named", signed.cna("mx-cna"), false);
    cpansec = sign("CPANSec member", signed.create("mx-cpansec", true, Role.CPANSEC_MEMBER), false);
    members.add(named);
    members.add(otherCna);
    members.add(cpansec);
    members.add(
        sign(
            "unsigned member",
            signed.create("mx-unsigned", false, Role.CNA_MEMBER, Role.CPANSEC_MEMBER),
            false));
    members.add(sign("admin only", signed.create("mx-admin", true, Role.ADMIN), false));
    adminCna =
        sign(
            "admin and CNA, not named",
            signed.create("mx-admincna", true, Role.ADMIN, Role.CNA_MEMBER),
            false);
    members.add(adminCna);
    members.add(sign("member without roles", signed.create("mx-noroles", true), false));

    WorkspaceClient editor = new WorkspaceClient(port, context.getBean(java.time.Clock.class));
    editor.signIn(creator.account());
    int i = 0;
    for (CaseState s : STATES) {
      cases.add(open(i++, s, false, creator, editor));
    }
    cases.add(open(i, CaseState.EMBARGO, true, creator, editor));

    anonymous = Who.anonymous("anonymous", new Browser(port, "anonymous"));
    outsiders.add(anonymous);
    outsiders.add(
        visitor("reporter link of " + embargoed(), "/case/" + embargoed().reporterToken()));
    outsiders.add(
        visitor(
            "maintainer link of " + sensitiveCase(), "/case/" + sensitiveCase().maintainerToken()));
    outsiders.add(visitor("revoked link of " + embargoed(), "/case/" + embargoed().revokedToken()));
    return this;
  }

  List<Who> everyone() {
    List<Who> all = new ArrayList<>(members);
    all.addAll(outsiders);
    return all;
  }

  /** The ordinary case every workspace member sees: other cases' ids are tried through it. */
  MatrixCase anchor() {
    return cases.get(0);
  }

  MatrixCase embargoed() {
    return cases.get(1);
  }

  MatrixCase sensitiveCase() {
    return cases.get(cases.size() - 1);
  }

  private Who sign(String name, SignedMembers.Signed m, boolean namedOnSensitive) {
    Browser b = new Browser(port, name).withSession(signed.signIn(m));
    Set<Role> roles =
        m.account().roles().isEmpty() ? Set.of() : EnumSet.copyOf(m.account().roles());
    return new Who(name, b, true, roles, m.member().maySeeEmbargoed(), namedOnSensitive, m.id());
  }

  /** Someone without an account who opened a link first (and so has a session of their own). */
  private Who visitor(String name, String link) {
    Browser b = new Browser(port, name);
    b.get(link);
    b.csrf();
    return Who.anonymous(name, b);
  }

  private MatrixCase open(
      int index,
      CaseState state,
      boolean sensitive,
      SignedMembers.Signed creator,
      WorkspaceClient editor) {
    String p = "CNRY" + run + "k" + index + "x";
    Viewer v = creator.viewer();
    TrackingToken token = TrackingToken.random();
    long reportId = report(p, token);
    fx.reportAttachment(
        reportId, p + "reportfile.txt", (p + "reportbytes").getBytes(StandardCharsets.UTF_8));
    String ref = caseService.openFromReport(reportId, p + "title", v);
    long caseId = fx.caseId(ref);
    long privateComment = comments.add(ref, p + "private", false, v);
    comments.add(ref, p + "shared", true, v);
    long att =
        attachments
            .upload(
                ref,
                p + "attname.txt",
                new ByteArrayInputStream((p + "attbytes").getBytes(StandardCharsets.UTF_8)),
                v)
            .id();
    long reportAtt =
        jdbc.sql("SELECT id FROM case_attachment WHERE case_id = ? AND file_name = ?")
            .params(caseId, p + "reportfile.txt")
            .query(Long.class)
            .single();
    triage.vote(ref, true, p + "vote", v);
    triage.decideScope(ref, Scope.IN_SCOPE, p + "scope", v);
    triage.recordMaintainerStatement(ref, p + "statement", v);
    triage.setBlastRadius(ref, p + "blast", v);
    ExternalGrants.Issued maintainer = grants.create(ref, Party.MAINTAINER, p + "grant", null, v);
    ExternalGrants.Issued revoked = grants.create(ref, Party.OTHER, p + "revoked", null, v);
    grants.revoke(ref, revoked.grant().id(), v);
    String cve = fx.assignCve(caseId);
    saveRecord(editor, ref, cve, p);
    if (sensitive) {
      caseService.setSensitive(ref, true, v);
    }
    fx.forceState(ref, state);
    return new MatrixCase(
        index,
        state,
        sensitive,
        p,
        ref,
        caseId,
        reportId,
        cve,
        att,
        reportAtt,
        token.value(),
        maintainer.token(),
        revoked.token(),
        maintainer.grant().id(),
        privateComment);
  }

  private long report(String p, TrackingToken token) {
    jdbc.sql(
            "INSERT INTO report (kind, token_hash, status, distribution, version, download_url,"
                + " details, reporter_name, reporter_email, wants_credit, withhold_identity,"
                + " secret_warning, created_at) VALUES ('VULNERABILITY', ?, 'REPORTED', ?, ?, ?,"
                + " ?, ?, ?, TRUE, FALSE, FALSE, ?)")
        .params(
            token.hash(),
            p + "dist",
            p + "versions",
            "https://cpan.metacpan.org/authors/id/X/XX/XX/Matrix-1.0.tar.gz",
            p + "details",
            p + "reporter",
            "reporter@example.org",
            OffsetDateTime.now(ZoneOffset.UTC))
        .update();
    return jdbc.sql("SELECT id FROM report WHERE token_hash = ?")
        .param(token.hash())
        .query(Long.class)
        .single();
  }

  /** The record is saved through the editor's form, as a member would. */
  private static void saveRecord(WorkspaceClient editor, String ref, String cve, String p) {
    String page = "/cna/cases/" + ref + "/record?cve=" + cve;
    String yaml = "cve: " + cve + "\ntitle: " + p + "record\ndescription: " + p + "record\n";
    var r =
        editor.submit(
            page,
            "/cna/cases/" + ref + "/record",
            Map.of("cve", cve, "yaml", yaml, "action", "save", "base", "0"));
    if (r.statusCode() != 200 || !r.body().contains(p + "record")) {
      throw new AssertionError("record not saved on " + ref + ": " + r.statusCode());
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random().nextBytes(b);
    return b;
  }
}
