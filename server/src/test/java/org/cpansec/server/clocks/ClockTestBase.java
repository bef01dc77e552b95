package org.cpansec.server.clocks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.MutableClock;
import org.cpansec.server.account.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the clock tests share, so that they share one server per database: a clock the test sets,
 * SMTP on a port reserved for this JVM, the reminder job out of the way (tests call it), Berlin
 * time with two holidays. Pages are reached by really signing in (account.TestMembers and
 * WorkspaceClient), never through a test stand-in for the signed-in member. Every test makes its
 * own members and cases, in the year 2090, so that no other test's server (whose clock is the real
 * one) finds anything of ours due, and a shared database holds no surprise.
 */
@Import(ClockTestBase.Config.class)
abstract class ClockTestBase {
  static final int SMTP_PORT = freePort();
  static final Instant START = Instant.parse("2090-03-01T09:00:00Z");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    r.add("spring.mail.host", () -> "127.0.0.1");
    r.add("spring.mail.port", () -> SMTP_PORT);
    r.add("cpansec.mail.from", () -> "noreply@cpansec.test");
    r.add("cpansec.mail.poll-interval", () -> "PT1H");
    r.add("cpansec.advisories.import-bundled", () -> "false");
    r.add("cpansec.site.base-url", () -> "https://cpansec.test/");
    r.add("cpansec.clocks.zone", () -> "Europe/Berlin");
    r.add("cpansec.clocks.holidays", () -> "2090-12-25,2091-01-01");
    r.add("cpansec.clocks.reminders.initial-delay", () -> "PT1H");
    r.add("cpansec.clocks.reminders.interval", () -> "PT1H");
  }

  /** The test's clock replaces the real one. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Config {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock(START);
    }
  }

  @Autowired JdbcClient jdbc;
  @Autowired MutableClock clock;

  static Instant at(String iso) {
    return Instant.parse(iso);
  }

  static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }

  /** A new member with a unique name and address; signed the agreement unless said otherwise. */
  Member member(String name, boolean signed, Role... roles) {
    String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    String email = unique + "@clocks.test";
    jdbc.sql(
            "INSERT INTO member_account (username, display_name, email, enabled, created_at)"
                + " VALUES (?, ?, ?, TRUE, ?)")
        .params(unique, name, email, utc(START))
        .update();
    long id =
        jdbc.sql("SELECT id FROM member_account WHERE username = ?")
            .param(unique)
            .query(Long.class)
            .single();
    Set<Role> set = roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles);
    for (Role r : set) {
      jdbc.sql("INSERT INTO member_role (member_id, role) VALUES (?, ?)")
          .params(id, r.name())
          .update();
    }
    return new Member(id, unique, name, email, set, signed);
  }

  Member cna(String name) {
    return member(name, true, Role.CNA_MEMBER);
  }

  /** A new case in this state, reported at that instant; its title and dist are "secret". */
  long newCase(String state, Instant reportedAt) {
    String ref = "CLK-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    jdbc.sql(
            "INSERT INTO cna_case (reference, state, title, distribution, reported_at,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            ref,
            state,
            "Secret title: remote code execution in Embargoed-Dist",
            "Embargoed-Dist",
            utc(reportedAt),
            utc(reportedAt),
            utc(reportedAt))
        .update();
    return jdbc.sql("SELECT id FROM cna_case WHERE reference = ?")
        .param(ref)
        .query(Long.class)
        .single();
  }

  String ref(long caseId) {
    return jdbc.sql("SELECT reference FROM cna_case WHERE id = ?")
        .param(caseId)
        .query(String.class)
        .single();
  }

  void assign(long caseId, Member m) {
    jdbc.sql("INSERT INTO case_assignee (case_id, member_id) VALUES (?, ?)")
        .params(caseId, m.id())
        .update();
  }

  LocalDate planned(long caseId) {
    return jdbc.sql("SELECT planned_disclosure FROM cna_case WHERE id = ?")
        .param(caseId)
        .query(LocalDate.class)
        .list()
        .get(0);
  }

  void setState(long caseId, String state) {
    jdbc.sql("UPDATE cna_case SET state = ? WHERE id = ?").params(state, caseId).update();
  }

  static OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
