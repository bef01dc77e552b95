package org.cpansec.server.clocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The clock's forms over real HTTP: who sees the page (the same 404 as for no case at all), who may
 * change it (CNA members; others 403 with the reason), each form's effect, bad input answered with
 * what was expected (422), user text escaped, CSRF required. Run once per database.
 */
abstract class ClockFormsContractTest extends ClockTestBase {
  @LocalServerPort int port;
  @Autowired DisclosureClock clocks;

  PageClient client;
  Member cna;

  @BeforeEach
  void fresh() {
    clock.set(at("2090-03-03T12:00:00Z"));
    client = new PageClient(port);
    cna = cna("Cleo");
    SIGNED_IN.set(cna);
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

  @Test
  void onlyMembersWhoMaySeeTheCaseSeeThePageAndOthersGetTheSameNotFound() {
    long c = newCase("TRIAGE", START);
    String ref = ref(c);
    SIGNED_IN.set(null);
    HttpResponse<String> missing = client.get(page("CLK-DOESNOTEXIST"));
    assertThat(missing.statusCode()).isEqualTo(404);
    HttpResponse<String> anonymous = client.get(page(ref));
    assertThat(anonymous.statusCode()).isEqualTo(404);
    assertThat(anonymous.body()).isEqualTo(missing.body()).doesNotContain(ref);

    SIGNED_IN.set(member("Ursula", false, Role.CNA_MEMBER));
    assertThat(client.get(page(ref)).statusCode()).as("agreement not signed").isEqualTo(404);
    SIGNED_IN.set(member("Adam", true, Role.ADMIN));
    assertThat(client.get(page(ref)).statusCode()).as("admin alone").isEqualTo(404);

    SIGNED_IN.set(member("Rita", true, Role.CPANSEC_MEMBER));
    HttpResponse<String> reader = client.get(page(ref));
    assertThat(reader.statusCode()).isEqualTo(200);
    assertThat(reader.body()).contains(ref, "Where it stands").doesNotContain("form-contact");
    assertThat(reader.headers().firstValue("Cache-Control")).hasValue("no-store");

    SIGNED_IN.set(cna);
    assertThat(client.get(page(ref)).body())
        .contains("id=\"form-contact\"")
        .as("the clock page shows no case details")
        .doesNotContain("Secret title", "Embargoed-Dist");
    // A sensitive case: only CNA members named on it.
    jdbc.sql("UPDATE cna_case SET sensitive = TRUE WHERE id = ?").param(c).update();
    HttpResponse<String> notNamed = client.get(page(ref));
    assertThat(notNamed.statusCode()).isEqualTo(404);
    assertThat(notNamed.body()).isEqualTo(missing.body());
    assign(c, cna);
    assertThat(client.get(page(ref)).statusCode()).isEqualTo(200);
  }

  @Test
  void aMemberWhoIsNotCnaIsRefusedWithTheReason() {
    long c = newCase("TRIAGE", START);
    // A token from a page of the same session, posted by a member who sees no forms.
    String token = client.csrf(page(ref(c)));
    SIGNED_IN.set(member("Rolf", true, Role.CPANSEC_MEMBER));
    HttpResponse<String> r =
        client.post(page(ref(c)) + "/contact", fields("contactedAt", "2090-03-02T10:00"), token);
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
    assertThat(r.body()).contains("Dispute acknowledged.", "2090-03-03 13:00 CET by Cleo");
  }

  @Test
  void aFormWithoutItsCsrfTokenIsRefused() {
    long c = newCase("TRIAGE", START);
    client.get(page(ref(c)));
    HttpResponse<String> r =
        client.post(page(ref(c)) + "/contact", fields("contactedAt", "2090-03-02T10:00"), null);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(planned(c)).isNull();
  }
}
