package org.cpansec.server.cveid;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.server.account.MutableClock;
import org.cpansec.server.account.Role;
import org.cpansec.server.cases.SignedMembers;
import org.cpansec.server.cveservices.CveServicesStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pool's pages over real HTTP, as members signed in with password and code (on the test's
 * clock): who gets in, the import form, the assign and release forms of a case (and the case's move
 * to RESERVED and the audit entries they make), sensitive cases, and the refill button.
 */
abstract class CveIdPagesContractTest {
  private static final Pattern COUNT = Pattern.compile("data-state=\"AVAILABLE\">([0-9]+)</td>");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationContext context;
  @Autowired MutableClock clock;
  @Autowired CveIdPool pool;
  @Autowired CveServicesStandIn standIn;

  PoolFixtures fx;
  SignedMembers members;
  PageClient web;
  SignedMembers.Signed alice;

  @BeforeEach
  void fresh() {
    fx = new PoolFixtures(jdbc);
    fx.clean();
    clock.set(CveIdTestBeans.START);
    standIn.years(2040, 2041, 2042);
    members = new SignedMembers(context, port);
    alice = members.cna("alice");
    web = as(alice);
  }

  @AfterEach
  void tidy() {
    fx.clean();
  }

  /** A client signed in as this member. */
  private PageClient as(SignedMembers.Signed m) {
    return new PageClient(port).withSession(members.signIn(m));
  }

  @Test
  void onlySignedMembersOfTheGroupGetIn() {
    long c = fx.newCase(null);
    String casePage = "/cna/cases/" + fx.reference(c) + "/cve-ids";
    // Nobody signed in: the sign-in page.
    PageClient anonymous = new PageClient(port);
    for (String path : new String[] {"/cna/cve-ids", casePage}) {
      HttpResponse<String> r = anonymous.get(path);
      assertThat(r.uri().getPath()).as(path).isEqualTo("/login");
      assertThat(r.body()).doesNotContain(fx.reference(c));
    }
    // Not signed the agreement: only the notice to sign it.
    PageClient unsigned = as(members.create("unsigned", false, Role.CNA_MEMBER));
    for (String path : new String[] {"/cna/cve-ids", casePage}) {
      HttpResponse<String> r = unsigned.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(403);
      assertThat(r.body()).contains("not signed").doesNotContain(fx.reference(c));
    }
    // An admin who is no CPANSec or CNA member: nothing.
    PageClient admin = as(members.create("admin", true, Role.ADMIN));
    assertThat(admin.get("/cna/cve-ids").statusCode()).isEqualTo(404);
    HttpResponse<String> r = admin.get(casePage);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).doesNotContain(fx.reference(c));
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
    pool.importText("CVE-2041-7100", "p", alice.member());
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
    // The case was in TRIAGE: its first CVE ID moved it to RESERVED, as alice's move.
    assertThat(fx.caseState(c)).isEqualTo("RESERVED");
    assertThat(assigned.body()).contains("id=\"case-state\">RESERVED<");
    assertThat(
            jdbc.sql(
                    "SELECT from_state || ' ' || to_state || ' ' || member_id || ' ' || note"
                        + " FROM case_transition WHERE case_id = ? AND to_state = 'RESERVED'")
                .param(c)
                .query(String.class)
                .single())
        .isEqualTo(
            "TRIAGE RESERVED " + alice.id() + " CVE-2041-7100 assigned from the CVE ID pool");

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
    // Every read and change of the case is in its audit log, in order, as alice's; the member's
    // note is not (it is free text).
    String me = "member:" + alice.id();
    assertThat(fx.audit(c))
        .containsSubsequence(
            "cveid.case.view " + me,
            "cveid.assign " + me,
            "case.state " + me,
            "cveid.case.view " + me,
            "cveid.release " + me,
            "cveid.case.view " + me);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE case_id = ? AND detail LIKE ?")
                .params(c, "%duplicate%")
                .query(Integer.class)
                .single())
        .isZero();
    // Released and assigned again: the case is RESERVED already, so it stays where it is.
    web.post(page, page + "/assign", Map.of());
    assertThat(fx.caseState(c)).isEqualTo("RESERVED");
  }

  @Test
  void aReaderSeesThePoolButMayNotAssign() {
    pool.importText("CVE-2041-7200", "p", alice.member());
    long c = fx.newCase(null);
    String page = "/cna/cases/" + fx.reference(c) + "/cve-ids";
    web = as(members.create("reader", true, Role.CPANSEC_MEMBER));

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
    pool.importText("CVE-2041-7300", "p", alice.member());
    SignedMembers.Signed bob = members.cna("bob");
    long c = fx.newCase("TRIAGE", null, true);
    String ref = fx.reference(c);
    fx.name(c, bob.member());
    // Alice is not named on it: for her the case does not exist, in the service too.
    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                PoolRefusal.class, () -> pool.assign(c, alice.member(), null)))
        .hasMessage("There is no case #" + c + ".");
    pool.assign(c, bob.member(), null);

    HttpResponse<String> list = web.get("/cna/cve-ids");
    assertThat(list.body()).contains("CVE-2041-7300", "a sensitive case").doesNotContain(ref);
    assertThat(web.get("/cna/cases/" + ref + "/cve-ids").statusCode()).isEqualTo(404);

    PageClient asBob = as(bob);
    assertThat(asBob.get("/cna/cve-ids").body()).contains(ref);
    assertThat(asBob.get("/cna/cases/" + ref + "/cve-ids").statusCode()).isEqualTo(200);
    // The pool page's audit entry names only the cases its reader was shown.
    assertThat(
            jdbc.sql(
                    "SELECT detail FROM audit_log WHERE action = 'cveid.pool.view' AND actor = ?"
                        + " ORDER BY id")
                .param("member:" + alice.id())
                .query(String.class)
                .list())
        .isNotEmpty()
        .noneMatch(d -> d.contains(ref));
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
    String id = pool.assign(c, alice.member(), null);
    pool.markShared(c, alice.member());
    HttpResponse<String> released = web.post(page, page + "/release", Map.of("cveId", id));
    assertThat(released.body()).contains(id + " had already been shared, so it is now REJECTED");
    HttpResponse<String> list = web.get("/cna/cve-ids");
    assertThat(list.body()).contains("still to reject at CVE Services", "Reject at CVE Services");
    HttpResponse<String> rejected =
        web.post("/cna/cve-ids", "/cna/cve-ids/" + id + "/reject-at-cve-services", Map.of());
    assertThat(rejected.statusCode()).isEqualTo(200);
    assertThat(rejected.body()).contains(id + " is now rejected at CVE Services.");
    assertThat(standIn.state(id)).isEqualTo("REJECTED");
    assertThat(fx.audit(c))
        .containsSubsequence(
            "cveid.assign member:" + alice.id(),
            "cveid.share member:" + alice.id(),
            "cveid.reject member:" + alice.id(),
            "cveid.rejected-at-cve-services member:" + alice.id());
  }

  private static int available(String page, int year) {
    int row = page.indexOf("data-year=\"" + year + "\"");
    assertThat(row).as("a row for %s", year).isNotNegative();
    Matcher m = COUNT.matcher(page);
    assertThat(m.find(row)).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
