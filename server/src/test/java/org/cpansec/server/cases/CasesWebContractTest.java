package org.cpansec.server.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.server.account.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The workspace pages over HTTP, as real members signed in with password and code ({@link
 * SignedMembers}): refusals, 404 sameness, download headers, the external page, the admin audit
 * page. Few on purpose: the authorization matrix over every route is a test of its own.
 */
abstract class CasesWebContractTest {
  private static final Pattern CASE_URL = Pattern.compile("/cna/cases/(CPANSEC-\\d{4}-\\d{4,})");
  private static final String XSS = "<script>alert(1)</script>";

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired Cases cases;
  @Autowired Triage triage;
  @Autowired CaseComments comments;
  @Autowired ExternalGrants grants;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;
  Fixtures fx;
  SignedMembers members;
  WebClient web;
  SignedMembers.Signed alice;

  @BeforeEach
  void setUp() {
    fx = new Fixtures(jdbc);
    members = new SignedMembers(context, port);
    alice = members.cna("web-alice");
    web = as(alice);
  }

  /** A client signed in as this member (its own session). */
  private WebClient as(SignedMembers.Signed m) {
    return new WebClient(port).withSession(members.signIn(m));
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
    WebClient dave = as(members.create("web-dave", true, Role.CPANSEC_MEMBER));
    assertThat(dave.get(page).body()).contains(ref).doesNotContain("id=\"to\"");
    HttpResponse<String> notCna = dave.submit(page, page + "/state", Map.of("to", "CLOSED"));
    assertThat(notCna.statusCode()).isEqualTo(403);
    assertThat(notCna.body()).contains("Only CNA members change a case&#39;s state.");
    assertThat(fx.stateOf(ref)).isEqualTo("TRIAGE");
    // A member who has not signed the agreement gets nothing but the notice.
    WebClient unsigned = as(members.create("web-unsigned", false, Role.CNA_MEMBER));
    for (String path : new String[] {"/cna/cases", page}) {
      HttpResponse<String> r = unsigned.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(403);
      assertThat(r.body()).as(path).contains("not signed").doesNotContain(ref, "Title with");
    }
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
    SignedMembers.Signed bob = members.cna("web-bob-panels");
    Viewer a = alice.viewer();
    triage.vote(ref, true, "because " + XSS, a);
    triage.vote(ref, true, "agreed", bob.viewer());
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
            "Test web-bob-panels",
            "only the named CNA members see it")
        .doesNotContain(XSS);
    HttpResponse<String> dups = web.get(page + "/duplicates?words=flaw");
    assertThat(dups.statusCode()).isEqualTo(200);
    assertThat(dups.body()).contains("Possible duplicates of");
    assertThat(web.get("/cna/cases?state=REPORTED").body()).contains(ref);
    // The case page leads to the case's CVE IDs (assign and release) and, once it holds one, to the
    // record editor; both pages lead back.
    assertThat(shown.body())
        .contains("href=\"/cna/cases/" + ref + "/cve-ids\"")
        .doesNotContain("id=\"record-link\"");
    fx.assignCve(fx.caseId(ref));
    String withId = web.get(page).body();
    assertThat(withId).contains("id=\"record-link\" href=\"/cna/cases/" + ref + "/record\"");
    assertThat(web.get(page + "/cve-ids").body()).contains("href=\"/cna/cases/" + ref + "\"");
    assertThat(web.get(page + "/record").body()).contains("href=\"/cna/cases/" + ref + "\"");
  }

  @Test
  void aCaseTheViewerMayNotSeeAnswersExactlyLikeOneThatDoesNotExist() {
    String ref = open("Sensitive one");
    cases.setSensitive(ref, true, alice.viewer());
    HttpResponse<String> missing = web.get("/cna/cases/CPANSEC-1999-9999");
    assertThat(missing.statusCode()).isEqualTo(404);
    WebClient bob = as(members.cna("web-bob"));
    HttpResponse<String> hidden = bob.get("/cna/cases/" + ref);
    assertThat(hidden.statusCode()).isEqualTo(404);
    // The same page, but for the signed-in member's name in the header.
    assertThat(hidden.body()).doesNotContain(ref, "Sensitive one");
    assertThat(withoutHeader(hidden.body())).isEqualTo(withoutHeader(missing.body()));
    assertThat(bob.get("/cna/cases/" + ref + "/attachments/1").statusCode()).isEqualTo(404);
    assertThat(bob.get("/cna/cases/" + ref + "/duplicates").statusCode()).isEqualTo(404);
    assertThat(bob.get("/cna/cases/" + ref + "/cve-ids").statusCode()).isEqualTo(404);
    assertThat(bob.get("/cna/cases/" + ref + "/record").statusCode()).isEqualTo(404);
    assertThat(bob.get("/cna/cases?q=Sensitive+one").body()).doesNotContain(ref);
    HttpResponse<String> admin =
        as(members.create("web-admin", true, Role.ADMIN)).get("/cna/cases/" + ref);
    assertThat(admin.statusCode()).isEqualTo(404);
    assertThat(withoutHeader(admin.body())).isEqualTo(withoutHeader(missing.body()));
    // Nobody signed in: the sign-in page, and nothing of the case.
    WebClient anonymous = new WebClient(port, false);
    for (String path :
        new String[] {"/cna/cases/" + ref, "/cna/cases", "/cna/cases/not-a-reference"}) {
      HttpResponse<String> r = anonymous.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(302);
      assertThat(r.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/login");
      assertThat(r.body()).doesNotContain(ref);
    }
    assertThat(web.get("/cna/cases/not-a-reference").statusCode()).isEqualTo(404);
  }

  /** A page without its header (which names the signed-in member). */
  private static String withoutHeader(String page) {
    return page.replaceAll("(?s)<header.*?</header>", "");
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
    String ref = cases.openFromReport(r.id(), "Overflow in Ext-Dist", alice.viewer());
    String page = "/cna/cases/" + ref;
    web.submit(page, page + "/comments", Map.of("body", "Internal only"));
    web.submit(
        page, page + "/comments", Map.of("body", "To the maintainer: " + XSS, "shared", "true"));
    HttpResponse<String> made =
        web.submit(page, page + "/grants", Map.of("party", "MAINTAINER", "name", "Max"));
    Matcher m = Pattern.compile("/case/([A-Za-z0-9_-]{43})").matcher(made.body());
    assertThat(m.find()).as(made.body()).isTrue();
    String token = m.group(1);

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
    grants.revoke(ref, grantId, alice.viewer());
    HttpResponse<String> gone = maintainer.get("/case/" + token);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.body()).isEqualTo(maintainer.get("/case/" + "B".repeat(43)).body());
  }

  @Test
  void adminsWhoSignedVerifyTheChainAndSeeWhoSawWhat() {
    String ref = open("Audited");
    web.get("/cna/cases/" + ref);
    WebClient admin = as(members.create("web-admin2", true, Role.ADMIN));
    HttpResponse<String> log = admin.get("/admin/audit?case=" + ref);
    assertThat(log.statusCode()).isEqualTo(200);
    assertThat(log.body()).contains("case.create", "case.view", "Test web-alice");
    // An admin page: the admin navigation leads to the other admin pages.
    assertThat(log.body())
        .contains("id=\"admin-nav\"", "href=\"/admin/accounts\"", "href=\"/admin/cpan-index\"");
    assertThat(admin.get("/admin/accounts").body()).contains("href=\"/admin/audit\"");
    HttpResponse<String> verified = admin.submit("/admin/audit", "/admin/audit/verify", Map.of());
    assertThat(verified.body()).contains("The audit chain is intact");
    assertThat(admin.get("/admin/audit?case=CPANSEC-1999-9999").body())
        .contains("There is no case");
    // An admin who has not signed the agreement reads no log; nor does a member who is no admin.
    HttpResponse<String> unsigned =
        as(members.create("web-unsigned-admin", false, Role.ADMIN)).get("/admin/audit");
    assertThat(unsigned.statusCode()).isEqualTo(404);
    assertThat(unsigned.body()).doesNotContain("case.view", ref);
    HttpResponse<String> notAdmin = web.get("/admin/audit");
    assertThat(notAdmin.statusCode()).isEqualTo(403);
    assertThat(notAdmin.body()).contains("Not for your role").doesNotContain("case.view");
  }

  @Test
  void theEarliestPublicReportIsRecordedAndSetsTheCveYear() {
    String ref = open("Posted on a public tracker");
    String page = "/cna/cases/" + ref;
    int year = LocalDate.now(clock).getYear();
    assertThat(yearRule(page))
        .contains("The next ID comes from <strong>" + year + "</strong>: <span>the current year");
    LocalDate posted = LocalDate.of(year - 2, 3, 14);
    HttpResponse<String> set =
        web.submit(page, page + "/earliest-public-report", Map.of("date", posted.toString()));
    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(set.body())
        .contains(
            "Earliest public report recorded: " + posted + ".",
            "id=\"earliest-public-report\">" + posted + "<");
    assertThat(yearRule(page))
        .contains(
            "The next ID comes from <strong>"
                + (year - 2)
                + "</strong>: <span>the year of the earliest public report ("
                + posted
                + ")");
    assertThat(fx.auditCount(fx.caseId(ref), "case.earliest-public-report")).isEqualTo(1);
    // Refused, and nothing changes: a future date, a date that is no date, a non-CNA member.
    HttpResponse<String> future =
        web.submit(
            page,
            page + "/earliest-public-report",
            Map.of("date", LocalDate.now(clock).plusDays(1).toString()));
    assertThat(future.statusCode()).isEqualTo(422);
    assertThat(future.body()).contains("cannot be in the future");
    HttpResponse<String> typo =
        web.submit(page, page + "/earliest-public-report", Map.of("date", "14/03/2024"));
    assertThat(typo.statusCode()).isEqualTo(422);
    assertThat(typo.body()).contains("Give the date as YYYY-MM-DD.");
    WebClient dave = as(members.create("web-dave-date", true, Role.CPANSEC_MEMBER));
    HttpResponse<String> notCna =
        dave.submit(page, page + "/earliest-public-report", Map.of("date", ""));
    assertThat(notCna.statusCode()).isEqualTo(403);
    assertThat(web.get(page).body()).contains("id=\"earliest-public-report\">" + posted + "<");
    // Cleared: the current year again.
    HttpResponse<String> cleared =
        web.submit(page, page + "/earliest-public-report", Map.of("date", ""));
    assertThat(cleared.body()).contains("Earliest public report cleared.");
    assertThat(yearRule(page))
        .contains("The next ID comes from <strong>" + year + "</strong>: <span>the current year");
    assertThat(fx.auditCount(fx.caseId(ref), "case.earliest-public-report")).isEqualTo(2);
  }

  /** The case's CVE ID page, its white space squeezed (the year rule's text spans lines). */
  private String yearRule(String page) {
    return web.get(page + "/cve-ids").body().replaceAll("\\s+", " ");
  }
}
