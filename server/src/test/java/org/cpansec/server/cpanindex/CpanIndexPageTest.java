package org.cpansec.server.cpanindex;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.cpansec.server.H2Server;
import org.cpansec.server.account.Role;
import org.cpansec.server.cases.Cases;
import org.cpansec.server.cases.NewCase;
import org.cpansec.server.cases.SignedMembers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code /admin/cpan-index} over HTTP on H2 (the data layer is tested on both databases by {@link
 * CpanIndexContractTest}): who may use it, the upload with its counts and line-numbered problems, a
 * refused upload, and the downstream look-up, as members signed in with password and code. This
 * class has its own context (a fixed clock) and fresh database, and its first test runs before any
 * import (so it also checks the case page's "Fill from CPAN index" without an index).
 */
@H2Server
@TestPropertySource(properties = "cpansec.advisories.import-bundled=false")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CpanIndexPageTest {
  static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");

  @TestConfiguration
  static class FixedClock {
    @Bean
    @Primary
    Clock fixedClock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CpanIndexStore store;
  @Autowired ApplicationContext context;
  @Autowired Cases cases;
  SignedMembers members;
  PageClient client;
  SignedMembers.Signed admin;

  @BeforeEach
  void setUp() {
    members = new SignedMembers(context, port);
    admin = members.create("ada", true, Role.ADMIN);
    client = as(admin);
  }

  private PageClient as(SignedMembers.Signed m) {
    return new PageClient(port).withSession(members.signIn(m));
  }

  private static Map.Entry<String, byte[]> file(String name, byte[] bytes) {
    return Map.entry(name, bytes);
  }

  @Test
  @Order(1)
  void beforeAnyImportThePageSaysTheBlastRadiusIsEnteredByHand() {
    HttpResponse<String> page = client.get(CpanIndexController.PATH);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("No CPAN index has been imported yet")
        .contains("enctype=\"multipart/form-data\"")
        .contains("name=\"_csrf\"");
    assertThat(client.lookup("Plack").body()).contains("id=\"lookup-none\"");
    // An admin page: the admin navigation is there.
    assertThat(page.body()).contains("id=\"admin-nav\"", "href=\"/admin/audit\"");

    // On a case page, "Fill from CPAN index" says there is no index and changes nothing.
    SignedMembers.Signed cna = members.cna("cpan-cna");
    String ref = cases.create(new NewCase("Issue in Plack", "Plack", "1.0", false), cna.viewer());
    PageClient asCna = as(cna);
    String casePage = asCna.get("/cna/cases/" + ref).body();
    assertThat(casePage).contains("id=\"fill-blast-radius\"");
    HttpResponse<String> refused =
        asCna.post(
            "/cna/cases/" + ref + "/blast-radius/cpan-index", client.csrfOf(casePage), Map.of());
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body())
        .contains("No CPAN index has been imported", "enter the blast radius by hand")
        .contains("href=\"/cna/cases/" + ref + "\"");
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM case_triage t JOIN cna_case c ON c.id = t.case_id"
                        + " WHERE c.reference = ? AND t.blast_radius IS NOT NULL")
                .param(ref)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  @Order(2)
  void anAdminUploadsBothFilesAndSeesCountsProblemsAndTheDownstream() throws Exception {
    HttpResponse<String> r =
        client.upload(
            CpanIndexController.PATH,
            client.csrf(CpanIndexController.PATH),
            Map.of(
                "packages",
                file("02packages.details.txt", Files.readAllBytes(IndexFixtures.FAKECPAN_PACKAGES)),
                "dump",
                file(
                    "fakecpan.jsonl",
                    IndexFixtures.FAKECPAN_DUMP.getBytes(StandardCharsets.UTF_8))));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.uri().getPath()).isEqualTo(CpanIndexController.PATH);
    ImportSummary current = store.current().orElseThrow();
    assertThat(current.actor()).isEqualTo(admin.username());
    assertThat(r.body())
        .contains("Import\n    #<span>" + current.id() + "</span> done")
        .contains("<dd id=\"imported-at\">2026-11-25 10:15:30 UTC</dd>")
        .contains("<span id=\"modules\">52</span>")
        .contains("<dd id=\"releases\">6</dd>")
        .contains("<span id=\"dump-rejected\">2</span>")
        .contains("<dd id=\"warnings\">1</dd>")
        .contains("<code>fakecpan.jsonl:7</code>")
        .contains("<code>fakecpan.jsonl:9</code>")
        // The rejected name is shown as text, never as markup.
        .contains("not a distribution name: &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;")
        .doesNotContain("<script>");
    assertThat(
            jdbc.sql("SELECT member_id FROM cpan_index_import WHERE id = ?")
                .param(current.id())
                .query(Long.class)
                .single())
        .isEqualTo(admin.id());

    String lookup = client.lookup("Multiple::Modules").body();
    assertThat(lookup)
        .contains("is\n          a module of <code>Multiple-Modules</code>")
        .contains("<table id=\"runtime\">")
        .contains("<td>Multiple-Modules-RDeps-A</td>")
        .contains("Multiple-Modules → Multiple-Modules-RDeps → Multiple-Modules-RDeps-A")
        .contains("<table id=\"build-test\">")
        .contains("Multiple-Modules-Tester (direct, build/test: Multiple::Modules)");
    assertThat(client.lookup("<b>No-Such</b>").body())
        .contains("<code>&lt;b&gt;No-Such&lt;/b&gt;</code>\n          is not in the CPAN index");
  }

  @Test
  @Order(3)
  void aFileWithNothingUsableIsRefusedWithTheReasonAndTheIndexKept() {
    Optional<Long> before = store.currentImportId();
    byte[] dump = IndexFixtures.FAKECPAN_DUMP.getBytes(StandardCharsets.UTF_8);

    // The two files swapped: the dump has no 02packages lines.
    HttpResponse<String> swapped =
        client.upload(
            CpanIndexController.PATH,
            client.csrf(CpanIndexController.PATH),
            Map.of("packages", file("dump.jsonl", dump), "dump", file("dump2.jsonl", dump)));
    assertThat(swapped.statusCode()).isEqualTo(422);
    assertThat(swapped.body())
        .contains("id=\"error\"")
        .contains("dump.jsonl: no module lines could be read")
        .contains("The current index is kept.");

    HttpResponse<String> missing =
        client.upload(
            CpanIndexController.PATH,
            client.csrf(CpanIndexController.PATH),
            Map.of("packages", file("02packages.details.txt", new byte[0])));
    assertThat(missing.statusCode()).isEqualTo(422);
    assertThat(missing.body()).contains("Choose the 02packages.details.txt file (plain or .gz).");
    assertThat(store.currentImportId()).isEqualTo(before);
  }

  @Test
  @Order(4)
  void membersWhoAreNotAdminsAndAnonymousVisitorsAreRefusedWithTheReason() throws Exception {
    Optional<Long> before = store.currentImportId();
    Map<String, Map.Entry<String, byte[]>> files =
        Map.of(
            "packages",
            file("02packages.details.txt", Files.readAllBytes(IndexFixtures.FAKECPAN_PACKAGES)),
            "dump",
            file("d.jsonl", IndexFixtures.FAKECPAN_DUMP.getBytes(StandardCharsets.UTF_8)));
    // A CNA member (signed, even a CPANSec member too) is told the page is for admins.
    PageClient cna = as(members.create("cpan-member", true, Role.CNA_MEMBER, Role.CPANSEC_MEMBER));
    HttpResponse<String> page = cna.get(CpanIndexController.PATH);
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body())
        .contains("Not for your role", "This page is for workspace admins")
        .doesNotContain("fakecpan.jsonl", "id=\"admin-nav\"");
    assertThat(cna.lookup("Multiple-Modules").statusCode()).isEqualTo(403);
    // With a valid token of its own session (the sign-out form of the refusal page).
    HttpResponse<String> post =
        cna.upload(CpanIndexController.PATH, cna.csrfOf(page.body()), files);
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(post.body()).contains("Not for your role");
    // Nobody signed in: sent to sign in; a post (no session, so no valid token) is refused.
    PageClient anonymous = new PageClient(port, false);
    HttpResponse<String> away = anonymous.get(CpanIndexController.PATH);
    assertThat(away.statusCode()).isEqualTo(302);
    assertThat(away.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    assertThat(anonymous.lookup("Multiple-Modules").statusCode()).isEqualTo(302);
    String token = anonymous.csrfOf(anonymous.get("/report/vulnerability").body());
    HttpResponse<String> anonymousPost = anonymous.upload(CpanIndexController.PATH, token, files);
    assertThat(anonymousPost.statusCode()).isEqualTo(302);
    assertThat(anonymousPost.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    assertThat(store.currentImportId()).isEqualTo(before);
  }
}
