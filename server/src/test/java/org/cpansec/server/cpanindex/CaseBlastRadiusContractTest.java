package org.cpansec.server.cpanindex;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cpansec.server.account.Role;
import org.cpansec.server.cases.Cases;
import org.cpansec.server.cases.NewCase;
import org.cpansec.server.cases.SignedMembers;
import org.cpansec.server.cases.Triage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The case page's "Fill from CPAN index" over HTTP, on each database, as members signed in with
 * password and code: the blast radius stored through the cases' triage, the notice, the audit
 * entries, and every refusal (role, unknown or missing distribution, a case the member may not see)
 * leaving the field as it was. The refusal without any index is in {@link CpanIndexPageTest}, which
 * starts from an empty database.
 */
abstract class CaseBlastRadiusContractTest {
  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;
  @Autowired Cases cases;
  @Autowired Triage triage;
  @Autowired CpanIndexImporter importer;
  @Autowired BlastRadius blastRadius;
  @TempDir Path dir;
  SignedMembers members;
  SignedMembers.Signed cna;
  PageClient web;
  ImportSummary index;

  @BeforeEach
  void setUp() {
    index =
        importer.importIndex(
            IndexFixtures.FAKECPAN_PACKAGES,
            IndexFixtures.write(dir, "fakecpan.jsonl", IndexFixtures.FAKECPAN_DUMP));
    members = new SignedMembers(context, port);
    cna = members.cna("radius");
    web = as(cna);
  }

  private PageClient as(SignedMembers.Signed m) {
    return new PageClient(port).withSession(members.signIn(m));
  }

  private static String action(String ref) {
    return "/cna/cases/" + ref + "/blast-radius/cpan-index";
  }

  /** Presses the button: loads the case page (it must offer it) and posts its form. */
  private HttpResponse<String> press(PageClient client, String ref) {
    String page = client.get("/cna/cases/" + ref).body();
    return client.post(action(ref), client.csrfOf(page), Map.of());
  }

  private String stored(String ref) {
    return jdbc.sql(
            "SELECT t.blast_radius FROM case_triage t JOIN cna_case c ON c.id = t.case_id"
                + " WHERE c.reference = ?")
        .param(ref)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  @Test
  void aCnaMemberFillsTheBlastRadiusFromTheIndex() {
    String ref = cases.create(new NewCase("Flaw", "Multiple-Modules", "1.01", false), cna.viewer());
    triage.setBlastRadius(ref, "Typed-By-Hand", cna.viewer());
    String page = web.get("/cna/cases/" + ref).body();
    assertThat(page).contains("id=\"fill-blast-radius\"", "Typed-By-Hand");

    HttpResponse<String> r = web.post(action(ref), web.csrfOf(page), Map.of());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.uri().getPath()).isEqualTo("/cna/cases/" + ref);
    assertThat(r.body())
        .contains(
            "Blast radius filled from the CPAN index (import #"
                + index.id()
                + "): 3 distributions depend on Multiple-Modules (2 at runtime, 1 only to build"
                + " or test).")
        .contains("Multiple-Modules-RDeps-A", "Multiple-Modules-Tester")
        .doesNotContain("Typed-By-Hand");
    // Stored as the index's own summary, a line each, through the cases' triage.
    List<String> expected =
        blastRadius.downstreamOf("Multiple-Modules").summary().lines().map(String::strip).toList();
    assertThat(stored(ref).lines().toList()).isEqualTo(expected);
    assertThat(expected.get(0)).contains("(import #" + index.id() + ")");
    assertThat(
            jdbc.sql(
                    "SELECT t.blast_radius_by FROM case_triage t JOIN cna_case c"
                        + " ON c.id = t.case_id WHERE c.reference = ?")
                .param(ref)
                .query(String.class)
                .single())
        .isEqualTo("system (CPAN index import #" + index.id() + ")");
    // Audited twice in one transaction: the stored field (by the platform) and who asked.
    assertThat(
            jdbc.sql(
                    "SELECT a.action || ' ' || a.actor || ' ' || a.detail FROM audit_log a"
                        + " JOIN cna_case c ON c.id = a.case_id WHERE c.reference = ?"
                        + " AND a.action IN ('case.blast-radius', 'cpanindex.blast-radius')"
                        + " ORDER BY a.id")
                .param(ref)
                .query(String.class)
                .list())
        .containsExactly(
            "case.blast-radius member:" + cna.id() + " 1 downstream distributions",
            "case.blast-radius system "
                + expected.size()
                + " downstream distributions, by system (CPAN index import #"
                + index.id()
                + ")",
            "cpanindex.blast-radius member:"
                + cna.id()
                + " filled from CPAN index import #"
                + index.id()
                + ": 3 dependents");
  }

  @Test
  void refusalsSayWhyAndLeaveTheBlastRadiusAsItWas() {
    // A distribution the index does not know.
    String unknown =
        cases.create(new NewCase("Elsewhere", "No-Such-Dist", "1", false), cna.viewer());
    HttpResponse<String> r = press(web, unknown);
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body())
        .contains("No-Such-Dist is not in the CPAN index (import #" + index.id() + ")")
        .contains("href=\"/cna/cases/" + unknown + "\"");
    assertThat(stored(unknown)).isNull();

    // No distribution on the case.
    String none = cases.create(new NewCase("Somewhere", "", "", false), cna.viewer());
    HttpResponse<String> noDist = press(web, none);
    assertThat(noDist.statusCode()).isEqualTo(422);
    assertThat(noDist.body()).contains("The case names no distribution");

    // A CPANSec member reads the case but may not change it: no button, and a hand-made post is
    // refused with the reason.
    String ref = cases.create(new NewCase("Flaw", "Multiple-Modules", "1.01", false), cna.viewer());
    PageClient reader = as(members.create("radius-reader", true, Role.CPANSEC_MEMBER));
    String page = reader.get("/cna/cases/" + ref).body();
    assertThat(page).contains(ref).doesNotContain("id=\"fill-blast-radius\"");
    HttpResponse<String> notCna = reader.post(action(ref), reader.csrfOf(page), Map.of());
    assertThat(notCna.statusCode()).isEqualTo(403);
    assertThat(notCna.body()).contains("Only CNA members fill the blast radius.");
    assertThat(stored(ref)).isNull();

    // A sensitive case another CNA member is not named on: as if it did not exist.
    cases.setSensitive(ref, true, cna.viewer());
    PageClient other = as(members.cna("radius-other"));
    String token = other.csrfOf(other.get("/cna/cases").body());
    HttpResponse<String> hidden = other.post(action(ref), token, Map.of());
    HttpResponse<String> missing = other.post(action("CPANSEC-1999-9999"), token, Map.of());
    assertThat(hidden.statusCode()).isEqualTo(404);
    assertThat(hidden.body()).isEqualTo(missing.body()).doesNotContain(ref, "Flaw");
    assertThat(other.post(action("not-a-case"), token, Map.of()).statusCode()).isEqualTo(404);
    assertThat(stored(ref)).isNull();
  }

  @Test
  void aLongListIsCutToTheFieldsSizeAndSaysSo() {
    List<String> lines =
        java.util.stream.IntStream.range(0, 5000)
            .mapToObj(i -> "- Dist-" + i + "x".repeat(60))
            .toList();
    List<String> kept = CaseBlastRadius.fitting(lines);
    assertThat(String.join("\n", kept).length()).isLessThanOrEqualTo(Triage.MAX_BLAST_RADIUS);
    assertThat(kept.subList(0, kept.size() - 1)).isEqualTo(lines.subList(0, kept.size() - 1));
    assertThat(kept.get(kept.size() - 1))
        .isEqualTo(
            "... and "
                + (lines.size() - kept.size() + 1)
                + " more lines not kept (the field is full).");
    assertThat(CaseBlastRadius.fitting(List.of("a", "b"))).containsExactly("a", "b");
  }
}
