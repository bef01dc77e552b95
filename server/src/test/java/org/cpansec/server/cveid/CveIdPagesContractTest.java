package org.cpansec.server.cveid;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.cpansec.server.cveservices.CveServicesStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pool's pages over real HTTP, with the signed-in member set by the test: who gets in, the
 * import form, the assign and release forms of a case, sensitive cases, and the refill button.
 */
abstract class CveIdPagesContractTest {
  private static final Pattern COUNT = Pattern.compile("data-state=\"AVAILABLE\">([0-9]+)</td>");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired TestMember signedIn;
  @Autowired MutableClock clock;
  @Autowired CveIdPool pool;
  @Autowired CveServicesStandIn standIn;

  PoolFixtures fx;
  PageClient web;
  Member alice;

  @BeforeEach
  void fresh() {
    fx = new PoolFixtures(jdbc);
    fx.clean();
    clock.set(CveIdTestBeans.START);
    standIn.years(2040, 2041, 2042);
    web = new PageClient(port);
    alice = fx.cna("alice");
    signedIn.signIn(alice);
  }

  @AfterEach
  void tidy() {
    signedIn.signOut();
    fx.clean();
  }

  @Test
  void onlySignedMembersOfTheGroupGetIn() {
    long c = fx.newCase(null);
    String casePage = "/cna/cases/" + fx.reference(c) + "/cve-ids";
    signedIn.signOut();
    assertThat(web.get("/cna/cve-ids").statusCode()).isEqualTo(404);
    assertThat(web.get(casePage).statusCode()).isEqualTo(404);
    for (Member m :
        java.util.List.of(
            fx.member("unsigned", false, Role.CNA_MEMBER), fx.member("admin", true, Role.ADMIN))) {
      signedIn.signIn(m);
      assertThat(web.get("/cna/cve-ids").statusCode()).isEqualTo(404);
      HttpResponse<String> r = web.get(casePage);
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.body()).doesNotContain(fx.reference(c));
    }
    signedIn.signIn(alice);
    assertThat(web.get("/cna/cases/CVEIDT-NOSUCH/cve-ids").statusCode()).isEqualTo(404);
    assertThat(web.get(casePage).statusCode()).isEqualTo(200);
  }

  @Test
  void importAFileThenSeeTheCountsAndMalformedInputIsShownEscaped() {
    HttpResponse<String> r =
        web.upload(
            "/cna/cve-ids",
            "/cna/cve-ids/import",
            Map.of(),
            "file",
            "reserved.txt",
            "CVE-2041-7000\nCVE-2041-7001\nCVE-2041-7002\n".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.uri().getPath()).isEqualTo("/cna/cve-ids");
    assertThat(r.body()).contains("3 IDs added to the pool.");
    assertThat(available(r.body(), 2041)).isEqualTo(3);
    assertThat(pool.find("CVE-2041-7001").orElseThrow().source())
        .isEqualTo("import: file reserved.txt");

    HttpResponse<String> bad =
        web.post(
            "/cna/cve-ids",
            "/cna/cve-ids/import",
            Map.of("ids", "CVE-2041-7003\n<script>alert(1)</script>\nCVE-2041-7000"));
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(bad.body())
        .contains("Nothing was imported: 1 line is not a reserved CVE ID.")
        .contains("line 2: &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; is not a CVE ID")
        .doesNotContain("<script>alert(1)</script>");
    assertThat(fx.state("CVE-2041-7003")).isNull();

    HttpResponse<String> nothing =
        web.post("/cna/cve-ids", "/cna/cve-ids/import", Map.of("ids", ""));
    assertThat(nothing.statusCode()).isEqualTo(422);
    assertThat(nothing.body()).contains("Choose a file or paste the IDs");
  }

  @Test
  void assignAndReleaseFromTheCasePage() {
    pool.importText("CVE-2041-7100", "p", alice);
    long c = fx.newCase(null);
    String ref = fx.reference(c);
    String page = "/cna/cases/" + ref + "/cve-ids";

    HttpResponse<String> before = web.get(page);
    assertThat(before.body())
        .contains("the current year (no public report is recorded)")
        .contains("1 available.");

    HttpResponse<String> assigned = web.post(page, page + "/assign", Map.of("note", "first"));
    assertThat(assigned.statusCode()).isEqualTo(200);
    assertThat(assigned.uri().getPath()).isEqualTo(page);
    assertThat(assigned.body()).contains("CVE-2041-7100 is assigned to " + ref + ".");
    assertThat(fx.state("CVE-2041-7100")).isEqualTo("ASSIGNED");

    HttpResponse<String> empty = web.post(page, page + "/assign", Map.of());
    assertThat(empty.statusCode()).isEqualTo(409);
    assertThat(empty.body())
        .contains("No reserved CVE ID for 2041 in the pool; reserve some from CVE Services");

    HttpResponse<String> released =
        web.post(page, page + "/release", Map.of("cveId", "CVE-2041-7100", "note", "duplicate"));
    assertThat(released.statusCode()).isEqualTo(200);
    assertThat(released.body()).contains("CVE-2041-7100 is back in the pool.");
    assertThat(fx.state("CVE-2041-7100")).isEqualTo("AVAILABLE");
    assertThat(released.body()).contains("RELEASE", "duplicate", alice.username());
  }

  @Test
  void aReaderSeesThePoolButMayNotAssign() {
    pool.importText("CVE-2041-7200", "p", alice);
    long c = fx.newCase(null);
    String page = "/cna/cases/" + fx.reference(c) + "/cve-ids";
    signedIn.signIn(fx.member("reader", true, Role.CPANSEC_MEMBER));

    HttpResponse<String> list = web.get("/cna/cve-ids");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("CVE-2041-7200").doesNotContain("id=\"import\"");
    assertThat(web.get(page).body()).doesNotContain("id=\"assign\"");

    // The form is not offered, but a hand-made post (with this session's token, taken from a
    // public form) is refused with the reason too.
    HttpResponse<String> r = web.post("/report/vulnerability", page + "/assign", Map.of());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("Only CNA members may assign CVE IDs.");
    assertThat(fx.state("CVE-2041-7200")).isEqualTo("AVAILABLE");
  }

  @Test
  void aSensitiveCaseIsOnlyForTheCnaMembersNamedOnIt() {
    pool.importText("CVE-2041-7300", "p", alice);
    Member bob = fx.cna("bob");
    long c = fx.newCase("TRIAGE", null, true);
    String ref = fx.reference(c);
    fx.name(c, bob);
    pool.assign(c, bob, null);

    HttpResponse<String> list = web.get("/cna/cve-ids");
    assertThat(list.body()).contains("CVE-2041-7300", "a sensitive case").doesNotContain(ref);
    assertThat(web.get("/cna/cases/" + ref + "/cve-ids").statusCode()).isEqualTo(404);

    signedIn.signIn(bob);
    assertThat(web.get("/cna/cve-ids").body()).contains(ref);
    assertThat(web.get("/cna/cases/" + ref + "/cve-ids").statusCode()).isEqualTo(200);
  }

  @Test
  void refillFromCveServicesOnThePage() {
    HttpResponse<String> r =
        web.post("/cna/cve-ids", "/cna/cve-ids/refill", Map.of("year", "2041", "amount", "2"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("Reserved at CVE Services: CVE-2041-", "2 IDs added to the pool.");
    assertThat(available(r.body(), 2041)).isEqualTo(2);

    HttpResponse<String> wrong =
        web.post("/cna/cve-ids", "/cna/cve-ids/refill", Map.of("year", "2041", "amount", "lots"));
    assertThat(wrong.statusCode()).isEqualTo(422);
    assertThat(wrong.body()).contains("The number of IDs must be a whole number.");

    // A shared ID released from its case is rejected here, then at CVE Services from the list.
    long c = fx.newCase(null);
    String page = "/cna/cases/" + fx.reference(c) + "/cve-ids";
    String id = pool.assign(c, alice, null);
    pool.markShared(c, alice);
    HttpResponse<String> released = web.post(page, page + "/release", Map.of("cveId", id));
    assertThat(released.body()).contains(id + " had already been shared, so it is now REJECTED");
    HttpResponse<String> list = web.get("/cna/cve-ids");
    assertThat(list.body()).contains("still to reject at CVE Services", "Reject at CVE Services");
    HttpResponse<String> rejected =
        web.post("/cna/cve-ids", "/cna/cve-ids/" + id + "/reject-at-cve-services", Map.of());
    assertThat(rejected.statusCode()).isEqualTo(200);
    assertThat(rejected.body()).contains(id + " is now rejected at CVE Services.");
    assertThat(standIn.state(id)).isEqualTo("REJECTED");
  }

  private static int available(String page, int year) {
    int row = page.indexOf("data-year=\"" + year + "\"");
    assertThat(row).as("a row for %s", year).isNotNegative();
    Matcher m = COUNT.matcher(page);
    assertThat(m.find(row)).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
