package org.cpansec.server.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The workspace pages over HTTP, with the signed-in member set by the test ({@link
 * TestCurrentMember}; sign-in itself is another package's). Few on purpose: the full authorization
 * matrix over every route comes with sign-in.
 */
abstract class CasesWebContractTest {
  private static final Pattern CASE_URL = Pattern.compile("/cna/cases/(CPANSEC-\\d{4}-\\d{4,})");
  private static final String XSS = "<script>alert(1)</script>";

  @LocalServerPort int port;
  @Autowired TestCurrentMember current;
  @Autowired Cases cases;
  @Autowired Triage triage;
  @Autowired CaseComments comments;
  @Autowired ExternalGrants grants;
  @Autowired JdbcClient jdbc;
  Fixtures fx;
  WebClient web;
  Member alice;

  @BeforeEach
  void setUp() {
    fx = new Fixtures(jdbc);
    web = new WebClient(port);
    alice = fx.cna("web-alice");
    current.set(alice);
  }

  @AfterEach
  void signOut() {
    current.set(null);
  }

  private String open(String title) {
    HttpResponse<String> r =
        web.submit(
            "/cna/cases/new", "/cna/cases/new", Map.of("title", title, "distribution", "Foo-Bar"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Matcher m = CASE_URL.matcher(r.uri().getPath());
    assertThat(m.matches()).as(r.uri().toString()).isTrue();
    assertThat(r.body()).contains("Case " + m.group(1) + " opened.");
    return m.group(1);
  }

  @Test
  void aCnaMemberOpensACaseAndMovesItAndARefusalSaysWhy() {
    String ref = open("Title with " + XSS);
    String page = "/cna/cases/" + ref;
    HttpResponse<String> shown = web.get(page);
    assertThat(shown.body())
        .contains("Title with &lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain(XSS);
    assertThat(shown.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(web.submit(page, page + "/state", Map.of("to", "TRIAGE")).body())
        .contains("State changed.", "id=\"state\">TRIAGE<");
    HttpResponse<String> refused = web.submit(page, page + "/state", Map.of("to", "PUBLISHED"));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body())
        .contains("TRIAGE → PUBLISHED is not allowed; next steps: RESERVED, CLOSED.");
    HttpResponse<String> noReason = web.submit(page, page + "/state", Map.of("to", "CLOSED"));
    assertThat(noReason.statusCode()).isEqualTo(422);
    assertThat(noReason.body()).contains("Closing from triage needs a reason");
    HttpResponse<String> bogus = web.submit(page, page + "/state", Map.of("to", "NONSENSE"));
    assertThat(bogus.statusCode()).isEqualTo(422);
    // The list shows it; a CPANSec member may read but not move it.
    assertThat(web.get("/cna/cases?q=" + ref).body()).contains(ref);
    current.set(fx.member("web-dave", true, Role.CPANSEC_MEMBER));
    HttpResponse<String> notCna = web.submit(page, page + "/state", Map.of("to", "CLOSED"));
    assertThat(notCna.statusCode()).isEqualTo(403);
    assertThat(notCna.body()).contains("Only CNA members change a case&#39;s state.");
    // A member who has not signed the agreement gets nothing.
    current.set(fx.member("web-unsigned", false, Role.CNA_MEMBER));
    assertThat(web.get("/cna/cases").body()).contains("not signed").doesNotContain(ref);
  }

  @Test
  void everyPanelRendersWithItsData() {
    Fixtures.Report r = fx.report("Panel-Dist", "1.2", "Pat " + XSS, true);
    HttpResponse<String> reports = web.get("/cna/reports");
    assertThat(reports.statusCode()).isEqualTo(200);
    assertThat(reports.body()).contains("/cna/cases/new?report=" + r.id(), "Panel-Dist");
    HttpResponse<String> form = web.get("/cna/cases/new?report=" + r.id());
    assertThat(form.body()).contains("Secret details of the flaw in Panel-Dist", "withheld");
    HttpResponse<String> opened =
        web.submit(
            "/cna/cases/new?report=" + r.id(),
            "/cna/cases/new",
            Map.of("report", Long.toString(r.id()), "title", ""));
    Matcher m = CASE_URL.matcher(opened.uri().getPath());
    assertThat(m.matches()).as(opened.body()).isTrue();
    String ref = m.group(1);
    String page = "/cna/cases/" + ref;
    Member bob = fx.cna("web-bob-panels");
    Viewer a = Viewer.of(alice);
    triage.vote(ref, true, "because " + XSS, a);
    triage.vote(ref, true, "agreed", Viewer.of(bob));
    triage.assess(
        ref,
        new Triage.Assessment(
            CaseSeverity.HIGH,
            Impact.AUTHENTICATION_BYPASS,
            true,
            DualLife.RELEASED_SEPARATELY,
            true),
        a);
    triage.decideScope(ref, Scope.UPSTREAM, "libfoo", a);
    triage.setBlastRadius(ref, "Down-Stream\nOther-Dist", a);
    triage.recordMaintainerStatement(ref, "said so on IRC", a);
    long comment = comments.add(ref, "first", false, a);
    comments.edit(ref, comment, "second", true, a);
    grants.create(ref, Party.PERL_SECURITY, "p5p", null, a);
    cases.setSensitive(ref, true, a);
    cases.name(ref, bob.id(), a);
    HttpResponse<String> shown = web.get(page);
    assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
    assertThat(shown.body())
        .contains(
            "Panel-Dist 1.2: vulnerability report",
            "Pat &lt;script&gt;",
            "a vulnerability: the maintainer says so",
            "because &lt;script&gt;",
            "authentication bypass",
            "<span class=\"label\">HIGH PRIORITY</span>",
            "CWE-1395",
            "Down-Stream",
            "said so on IRC",
            "Earlier versions (1)",
            "first",
            "<td>perl security team</td>",
            "Display web-bob-panels",
            "only the named CNA members see it")
        .doesNotContain(XSS);
    HttpResponse<String> dups = web.get(page + "/duplicates?words=flaw");
    assertThat(dups.statusCode()).isEqualTo(200);
    assertThat(dups.body()).contains("Possible duplicates of");
    assertThat(web.get("/cna/cases?state=REPORTED").body()).contains(ref);
  }

  @Test
  void aCaseTheViewerMayNotSeeAnswersExactlyLikeOneThatDoesNotExist() {
    String ref = open("Sensitive one");
    cases.setSensitive(ref, true, Viewer.of(alice));
    HttpResponse<String> missing = web.get("/cna/cases/CPANSEC-1999-9999");
    assertThat(missing.statusCode()).isEqualTo(404);
    current.set(fx.cna("web-bob"));
    HttpResponse<String> hidden = web.get("/cna/cases/" + ref);
    assertThat(hidden.statusCode()).isEqualTo(404);
    assertThat(hidden.body()).isEqualTo(missing.body()).doesNotContain(ref, "Sensitive one");
    assertThat(web.get("/cna/cases/" + ref + "/attachments/1").statusCode()).isEqualTo(404);
    assertThat(web.get("/cna/cases/" + ref + "/duplicates").statusCode()).isEqualTo(404);
    assertThat(web.get("/cna/cases?q=Sensitive+one").body()).doesNotContain(ref);
    current.set(fx.member("web-admin", true, Role.ADMIN));
    assertThat(web.get("/cna/cases/" + ref).body()).isEqualTo(missing.body());
    current.set(null);
    assertThat(web.get("/cna/cases/" + ref).statusCode()).isEqualTo(404);
    assertThat(web.get("/cna/cases").statusCode()).isEqualTo(404);
    assertThat(web.get("/cna/cases/not-a-reference").statusCode()).isEqualTo(404);
  }

  @Test
  void attachmentsAreOnlyEverDownloaded() {
    String ref = open("Files");
    String page = "/cna/cases/" + ref;
    byte[] html =
        "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> up = web.upload(page, page + "/attachments", "../../evil.html", html);
    assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
    assertThat(up.body()).contains("File attached.", "evil.html");
    long id =
        jdbc.sql(
                "SELECT a.id FROM case_attachment a JOIN cna_case c ON c.id = a.case_id WHERE c.reference = ?")
            .param(ref)
            .query(Long.class)
            .single();
    HttpResponse<byte[]> down = web.bytes(page + "/attachments/" + id);
    assertThat(down.statusCode()).isEqualTo(200);
    assertThat(down.body()).isEqualTo(html);
    assertThat(down.headers().firstValue("Content-Type")).contains("application/octet-stream");
    assertThat(down.headers().allValues("Content-Type")).hasSize(1);
    assertThat(down.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment;")
        .contains("filename=\"evil.html\"")
        .doesNotContain("inline");
    assertThat(down.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(down.headers().firstValue("Cache-Control")).contains("no-store");
    HttpResponse<String> big =
        web.upload(page, page + "/attachments", "big.bin", new byte[64 * 1024 + 1]);
    assertThat(big.statusCode()).isEqualTo(422);
    assertThat(big.body()).contains("larger than the limit of 64.0 KB");
    assertThat(fx.auditCount(fx.caseId(ref), "case.attachment.download")).isEqualTo(1);
  }

  @Test
  void theExternalPageShowsTheSharedPartAndHidesAWithheldReporter() {
    Fixtures.Report r = fx.report("Ext-Dist", "3.1", "Hidden Reporter", true);
    String ref = cases.openFromReport(r.id(), "Overflow in Ext-Dist", Viewer.of(alice));
    String page = "/cna/cases/" + ref;
    web.submit(page, page + "/comments", Map.of("body", "Internal only"));
    web.submit(
        page, page + "/comments", Map.of("body", "To the maintainer: " + XSS, "shared", "true"));
    HttpResponse<String> made =
        web.submit(page, page + "/grants", Map.of("party", "MAINTAINER", "name", "Max"));
    Matcher m = Pattern.compile("/case/([A-Za-z0-9_-]{43})").matcher(made.body());
    assertThat(m.find()).as(made.body()).isTrue();
    String token = m.group(1);

    current.set(null);
    WebClient maintainer = new WebClient(port);
    HttpResponse<String> view = maintainer.get("/case/" + token);
    assertThat(view.statusCode()).isEqualTo(200);
    assertThat(view.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(view.body())
        .contains("Overflow in Ext-Dist", "Ext-Dist", "To the maintainer: &lt;script&gt;")
        .doesNotContain("Internal only", "Hidden Reporter", "reporter@example.org", XSS);
    HttpResponse<String> said =
        maintainer.submit("/case/" + token, "/case/" + token, Map.of("body", "Fixed in 3.2"));
    assertThat(said.body()).contains("Your comment was added.", "Fixed in 3.2");
    // The reporter's tracking token opens the same case, with their own identity.
    HttpResponse<String> asReporter = new WebClient(port).get("/case/" + r.token().value());
    assertThat(asReporter.body()).contains("Overflow in Ext-Dist", "Fixed in 3.2");
    // Revoked: gone, like a token that never existed.
    long grantId =
        jdbc.sql("SELECT id FROM case_grant WHERE party = 'MAINTAINER' AND case_id = ?")
            .param(fx.caseId(ref))
            .query(Long.class)
            .single();
    grants.revoke(ref, grantId, Viewer.of(alice));
    HttpResponse<String> gone = maintainer.get("/case/" + token);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.body()).isEqualTo(maintainer.get("/case/" + "B".repeat(43)).body());
  }

  @Test
  void adminsWhoSignedVerifyTheChainAndSeeWhoSawWhat() {
    String ref = open("Audited");
    web.get("/cna/cases/" + ref);
    current.set(fx.member("web-admin2", true, Role.ADMIN));
    HttpResponse<String> log = web.get("/admin/audit?case=" + ref);
    assertThat(log.statusCode()).isEqualTo(200);
    assertThat(log.body()).contains("case.create", "case.view", "Display web-alice");
    HttpResponse<String> verified = web.submit("/admin/audit", "/admin/audit/verify", Map.of());
    assertThat(verified.body()).contains("The audit chain is intact");
    assertThat(web.get("/admin/audit?case=CPANSEC-1999-9999").body()).contains("There is no case");
    current.set(fx.member("web-unsigned-admin", false, Role.ADMIN));
    assertThat(web.get("/admin/audit").statusCode()).isEqualTo(404);
    current.set(alice);
    assertThat(web.get("/admin/audit").statusCode()).isEqualTo(404);
  }
}
