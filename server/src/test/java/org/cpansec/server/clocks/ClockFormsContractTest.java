package org.cpansec.server.clocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cpansec.server.account.Role;
import org.cpansec.server.account.TestMembers;
import org.cpansec.server.account.WorkspaceClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The clock's forms over real HTTP, signed in for real (password and TOTP, through {@link
 * WorkspaceClient}): who sees the page (the same 404 as for no case at all), who may change it (CNA
 * members; others 403 with the reason), each form's effect, bad input answered with what was
 * expected (422), user text escaped, CSRF required, every showing and change in the audit log. Run
 * once per database.
 */
abstract class ClockFormsContractTest extends ClockTestBase {
  @LocalServerPort int port;
  @Autowired DisclosureClock clocks;
  @Autowired ApplicationContext context;

  TestMembers members;
  WorkspaceClient client;
  TestMembers.TestMember cna;

  @BeforeEach
  void fresh() {
    clock.set(at("2090-03-03T12:00:00Z"));
    members = new TestMembers(context);
    cna = members.create("cleo", Set.of(Role.CNA_MEMBER), true);
    client = signedIn(cna);
  }

  private WorkspaceClient signedIn(TestMembers.TestMember m) {
    return new WorkspaceClient(port, clock).signIn(m);
  }

  private static String page(String ref) {
    return "/cna/cases/" + ref + "/clock";
  }

  private HttpResponse<String> submit(String ref, String action, Map<String, String> fields) {
    return client.submit(page(ref), page(ref) + action, fields);
  }

  private static Map<String, String> fields(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Names the member on the (sensitive) case, as the cases package does. */
  private void name(long caseId, TestMembers.TestMember m) {
    jdbc.sql("INSERT INTO case_restricted_member (case_id, member_id, added_at) VALUES (?, ?, ?)")
        .params(caseId, m.id(), utc(clock.instant()))
        .update();
  }

  /** The audit log's actions about a case, oldest first, as "actor action". */
  private List<String> audited(long caseId) {
    return jdbc.sql("SELECT actor, action FROM audit_log WHERE case_id = ? ORDER BY id")
        .param(caseId)
        .query((rs, n) -> rs.getString(1) + " " + rs.getString(2))
        .list();
  }

  @Test
  void onlyMembersWhoMaySeeTheCaseSeeThePageAndOthersGetTheSameNotFound() {
    long c = newCase("TRIAGE", START);
    String ref = ref(c);
    HttpResponse<String> missing = client.getNoRedirect(page("CLK-DOESNOTEXIST"));
    assertThat(missing.statusCode()).isEqualTo(404);

    HttpResponse<String> anonymous = new WorkspaceClient(port, clock).getNoRedirect(page(ref));
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    assertThat(anonymous.body()).doesNotContain(ref);

    HttpResponse<String> unsigned =
        signedIn(members.create("ursula", Set.of(Role.CNA_MEMBER), false)).get(page(ref));
    assertThat(unsigned.statusCode()).as("agreement not signed").isEqualTo(403);
    assertThat(unsigned.body()).contains("agreement").doesNotContain(ref);

    WorkspaceClient admin = signedIn(members.create("adam", Set.of(Role.ADMIN), true));
    HttpResponse<String> adminAlone = admin.getNoRedirect(page(ref));
    assertThat(adminAlone.statusCode()).as("admin alone").isEqualTo(404);
    assertThat(adminAlone.body())
        .isEqualTo(admin.getNoRedirect(page("CLK-DOESNOTEXIST")).body())
        .doesNotContain(ref);

    TestMembers.TestMember rita = members.create("rita", Set.of(Role.CPANSEC_MEMBER), true);
    HttpResponse<String> reader = signedIn(rita).getNoRedirect(page(ref));
    assertThat(reader.statusCode()).isEqualTo(200);
    assertThat(reader.body())
        .contains(ref, "Where it stands", "Sign out", "href=\"/cna/cases\"")
        .doesNotContain("form-contact");
    assertThat(reader.headers().firstValue("Cache-Control")).hasValue("no-store");

    assertThat(client.getNoRedirect(page(ref)).body())
        .contains("id=\"form-contact\"")
        .as("the clock page shows no case details")
        .doesNotContain("Secret title", "Embargoed-Dist");
    // A sensitive case: only CNA members named on it.
    jdbc.sql("UPDATE cna_case SET sensitive = TRUE WHERE id = ?").param(c).update();
    HttpResponse<String> notNamed = client.getNoRedirect(page(ref));
    assertThat(notNamed.statusCode()).isEqualTo(404);
    assertThat(notNamed.body()).isEqualTo(missing.body());
    name(c, cna);
    assertThat(client.getNoRedirect(page(ref)).statusCode()).isEqualTo(200);

    // Each showing was audited, as the member who saw it; the refused ones were not shown.
    assertThat(audited(c))
        .containsExactly(
            "member:" + rita.id() + " clock.view",
            "member:" + cna.id() + " clock.view",
            "member:" + cna.id() + " clock.view");
  }

  @Test
  void aMemberWhoIsNotCnaIsRefusedWithTheReason() {
    long c = newCase("TRIAGE", START);
    WorkspaceClient rolf = signedIn(members.create("rolf", Set.of(Role.CPANSEC_MEMBER), true));
    HttpResponse<String> r =
        rolf.submit(
            page(ref(c)), page(ref(c)) + "/contact", fields("contactedAt", "2090-03-02T10:00"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("Only CNA members change a case");
    assertThat(planned(c)).isNull();
  }

  @Test
  void recordingTheContactSetsThePlannedDate() {
    long c = newCase("TRIAGE", START);
    HttpResponse<String> r = submit(ref(c), "/contact", fields("contactedAt", "2090-03-02T10:00"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.uri().getPath()).isEqualTo(page(ref(c)));
    assertThat(r.body())
        .contains("Maintainer contact recorded; planned disclosure date 2090-03-16.")
        .contains("2090-03-02 10:00 CET")
        .contains("MAINTAINER_CONTACTED");
    assertThat(planned(c)).isEqualTo(date("2090-03-16"));
    // The maintainer answered.
    r = submit(ref(c), "/response", fields("response", "answered", "at", "2090-03-03T09:00"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("The maintainer answered");
    // Every showing of the page and every change is in the audit log, in order, as this member.
    String me = "member:" + cna.id() + " clock.";
    assertThat(audited(c))
        .containsExactly(
            me + "view",
            me + "maintainer_contacted",
            me + "view",
            me + "view",
            me + "maintainer_answered",
            me + "view");
    assertThat(
            jdbc.sql("SELECT detail FROM audit_log WHERE case_id = ? AND action = ?")
                .params(c, "clock.maintainer_contacted")
                .query(String.class)
                .single())
        .matches("clock event \\d+, planned date none -> 2090-03-16");
  }

  @Test
  void badInputIsAnsweredWithWhatWasExpected() {
    long c = newCase("TRIAGE", START);
    HttpResponse<String> r = submit(ref(c), "/contact", fields("contactedAt", "yesterday"));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body())
        .contains("id=\"clock-error\"", "as a date and time like 2026-11-30T14:00 (Europe/Berlin)")
        .doesNotContain("Exception", "at org.");
    r = submit(ref(c), "/contact", fields("contactedAt", "2090-03-05T10:00"));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("is in the future");
    r = submit(ref(c), "/extensions", fields("requestedDate", "31/12/2090", "reason", "r"));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("as a date like 2026-12-31");
    r = submit(ref(c), "/response", fields("response", "maybe"));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("Choose answered or bounced");
    r = submit(ref(c), "/abandonment", fields("criterion", "NO_SUCH_THING", "holds", "yes"));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("Choose one of the five conditions");
    assertThat(planned(c)).isNull();
  }

  @Test
  void extensionsAreRequestedAndDecidedThroughTheForms() {
    long c = newCase("TRIAGE", START);
    submit(ref(c), "/contact", fields("contactedAt", "2090-03-02T10:00"));
    HttpResponse<String> r =
        submit(
            ref(c),
            "/extensions",
            fields(
                "requestedDate", "2090-03-30",
                "requestedBy", "maintainer <m@example.org>",
                "reason", "Needs a release"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("Extension request to 2090-03-30 recorded")
        .contains("maintainer &lt;m@example.org&gt;");
    long id = clocks.view(c).orElseThrow().extensions().get(0).id();
    r =
        submit(
            ref(c), "/extensions/" + id + "/decision", fields("decision", "", "reason", "why not"));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("Choose to grant or to refuse");
    r =
        submit(
            ref(c),
            "/extensions/" + id + "/decision",
            fields("decision", "grant", "reason", "Fix is close", "grantedDate", ""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Extension granted: the planned date is now 2090-03-30.");
    assertThat(planned(c)).isEqualTo(date("2090-03-30"));
  }

  @Test
  void aCoordinatedDateIsSetForTheNamedCases() {
    long a = newCase("EMBARGO", START);
    long b = newCase("EMBARGO", START);
    long hidden = newCase("EMBARGO", START);
    jdbc.sql("UPDATE cna_case SET sensitive = TRUE WHERE id = ?").param(hidden).update();
    // A sensitive case the member is not named on is unknown to them.
    HttpResponse<String> r =
        submit(
            ref(a),
            "/coordinated",
            fields("date", "2090-04-02", "cases", ref(b) + ", " + ref(hidden)));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("There is no case " + ref(hidden) + ".");
    r =
        submit(
            ref(a),
            "/coordinated",
            fields("date", "2090-04-02", "cases", " " + ref(b) + " ", "note", "Same flaw"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("Coordinated date 2090-04-02 set for", ref(b), "id=\"form-leave\"");
    assertThat(planned(a)).isEqualTo(date("2090-04-02"));
    assertThat(planned(b)).isEqualTo(date("2090-04-02"));
    r = submit(ref(b), "/coordinated/leave", Map.of());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("no longer shares its date");
  }

  @Test
  void alreadyPublicAbandonmentAndDisputesThroughTheForms() {
    long c = newCase("EMBARGO", START);
    HttpResponse<String> r =
        submit(ref(c), "/public", fields("evidenceUrl", "ftp://example.org/x", "note", ""));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("http or https address");
    r =
        submit(
            ref(c),
            "/abandonment",
            fields(
                "criterion", "NO_RELEASE",
                "holds", "yes",
                "lastActivity", "2080-01-01",
                "evidence", "MetaCPAN shows the last release in 2080",
                "evidenceUrl", "https://metacpan.org/dist/Embargoed-Dist",
                "checkedOn", "2090-03-03"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("&quot;No release&quot; recorded.", "MetaCPAN shows the last release");
    r =
        submit(
            ref(c),
            "/public",
            fields("evidenceUrl", "https://example.org/post?a=1&b=2", "note", "Blog post"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("Marked already public: the planned date is today, 2090-03-03.")
        .contains("href=\"https://example.org/post?a=1&amp;b=2\"");
    assertThat(planned(c)).isEqualTo(date("2090-03-03"));

    r =
        submit(
            ref(c),
            "/disputes",
            fields(
                "receivedAt", "2090-03-03T09:15",
                "sender", "vendor@example.org",
                "body", "<script>alert('x')</script> the range is wrong"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("Dispute recorded; acknowledge it by 2090-03-10 09:15 CET.")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; the range is wrong")
        .doesNotContain("<script>");
    long id = clocks.view(c).orElseThrow().disputes().get(0).id();
    r = submit(ref(c), "/disputes/" + id + "/acknowledgement", fields("at", ""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Dispute acknowledged.", "2090-03-03 13:00 CET by Test cleo");
  }

  @Test
  void aFormWithoutItsCsrfTokenIsRefused() {
    long c = newCase("TRIAGE", START);
    client.get(page(ref(c)));
    HttpResponse<String> r =
        client.postWithToken(
            page(ref(c)) + "/contact", fields("contactedAt", "2090-03-02T10:00"), null);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(planned(c)).isNull();
  }
}
