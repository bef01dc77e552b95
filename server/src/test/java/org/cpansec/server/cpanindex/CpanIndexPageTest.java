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
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.cpansec.server.H2Server;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code /admin/cpan-index} over HTTP on H2 (the data layer is tested on both databases by {@link
 * CpanIndexContractTest}): who may use it, the upload with its counts and line-numbered problems, a
 * refused upload, and the downstream look-up. The signed-in member is set per test through a
 * {@code @Primary CurrentMember}; this class has its own context and fresh database, and its first
 * test runs before any import.
 */
@H2Server
@TestPropertySource(properties = "cpansec.advisories.import-bundled=false")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CpanIndexPageTest {
  static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
  static final AtomicReference<Member> SIGNED_IN = new AtomicReference<>();

  @TestConfiguration
  static class Signed {
    @Bean
    @Primary
    CurrentMember testMember() {
      return () -> Optional.ofNullable(SIGNED_IN.get());
    }

    @Bean
    @Primary
    Clock fixedClock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CpanIndexStore store;
  PageClient client;
  Member admin;

  @BeforeEach
  void setUp() {
    client = new PageClient(port);
    long id =
        jdbc.sql("SELECT id FROM member_account WHERE username = 'ada'")
            .query(Long.class)
            .optional()
            .orElseGet(
                () -> {
                  jdbc.sql(
                          "INSERT INTO member_account (username, display_name, email, created_at)"
                              + " VALUES ('ada', 'Ada Admin', 'ada@cpansec.test', ?)")
                      .param(NOW.atOffset(ZoneOffset.UTC))
                      .update();
                  return jdbc.sql("SELECT id FROM member_account WHERE username = 'ada'")
                      .query(Long.class)
                      .single();
                });
    admin = new Member(id, "ada", "Ada Admin", "ada@cpansec.test", Set.of(Role.ADMIN), true);
    SIGNED_IN.set(admin);
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
    assertThat(current.actor()).isEqualTo("ada");
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
    String csrf = client.csrf(CpanIndexController.PATH);
    Optional<Long> before = store.currentImportId();
    Member cna =
        new Member(admin.id(), "ada", "Ada", "ada@cpansec.test", Set.of(Role.CNA_MEMBER), true);
    for (Member who : new Member[] {cna, null}) {
      SIGNED_IN.set(who);
      HttpResponse<String> page = client.get(CpanIndexController.PATH);
      assertThat(page.statusCode()).isEqualTo(403);
      assertThat(page.body())
          .contains("Admins only")
          .contains("Sign in with an\n    account that holds the admin role")
          .doesNotContain("fakecpan.jsonl");
      assertThat(client.lookup("Multiple-Modules").statusCode()).isEqualTo(403);
      HttpResponse<String> post =
          client.upload(
              CpanIndexController.PATH,
              csrf,
              Map.of(
                  "packages",
                  file(
                      "02packages.details.txt",
                      Files.readAllBytes(IndexFixtures.FAKECPAN_PACKAGES)),
                  "dump",
                  file("d.jsonl", IndexFixtures.FAKECPAN_DUMP.getBytes(StandardCharsets.UTF_8))));
      assertThat(post.statusCode()).isEqualTo(403);
      assertThat(post.body()).contains("Admins only");
    }
    assertThat(store.currentImportId()).isEqualTo(before);
  }
}
