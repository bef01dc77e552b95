package org.cpansec.server.cveid;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Members and cases for the pool's service tests, written straight into the workspace tables (the
 * pages' tests sign real members in instead). Everything the tests create is recognisable, so that
 * {@link #clean()} removes only that: cases {@code CVEIDT-...}, pool years {@link #FIRST_TEST_YEAR}
 * to {@link #LAST_TEST_YEAR}.
 */
final class PoolFixtures {
  static final int FIRST_TEST_YEAR = 2035;
  static final int LAST_TEST_YEAR = 2042;

  private final JdbcClient jdbc;

  PoolFixtures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A CNA member who signed the current agreement. */
  Member cna(String username) {
    return member(username, true, Role.CNA_MEMBER);
  }

  /** A member with these roles; the account row is created once per database. */
  Member member(String username, boolean signed, Role... roles) {
    String name = "cveid-" + username;
    Long id =
        jdbc.sql("SELECT id FROM member_account WHERE username = ?")
            .param(name)
            .query(Long.class)
            .optional()
            .orElse(null);
    if (id == null) {
      jdbc.sql(
              "INSERT INTO member_account (username, display_name, email, created_at)"
                  + " VALUES (?, ?, ?, ?)")
          .params(
              name, "Test " + username, name + "@cpansec.test", OffsetDateTime.now(ZoneOffset.UTC))
          .update();
      id =
          jdbc.sql("SELECT id FROM member_account WHERE username = ?")
              .param(name)
              .query(Long.class)
              .single();
    }
    Set<Role> set = roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles);
    return new Member(id, name, "Test " + username, name + "@cpansec.test", set, signed);
  }

  /** A case in TRIAGE with that earliest public report (or none). */
  long newCase(LocalDate earliestPublicReport) {
    return newCase("TRIAGE", earliestPublicReport, false);
  }

  /** A case; returns its id. Its reference is {@link #reference(long)}. */
  long newCase(String state, LocalDate earliestPublicReport, boolean sensitive) {
    String ref = "CVEIDT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.sql(
            "INSERT INTO cna_case (reference, state, title, distribution, sensitive, reported_at,"
                + " earliest_public_report, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            ref,
            state,
            "Test case " + ref,
            "Acme-Example",
            sensitive,
            now,
            earliestPublicReport,
            now,
            now)
        .update();
    return jdbc.sql("SELECT id FROM cna_case WHERE reference = ?")
        .param(ref)
        .query(Long.class)
        .single();
  }

  String reference(long caseId) {
    return jdbc.sql("SELECT reference FROM cna_case WHERE id = ?")
        .param(caseId)
        .query(String.class)
        .single();
  }

  /** Names the member on the case (the ones who may see it when it is sensitive). */
  void name(long caseId, Member m) {
    jdbc.sql("INSERT INTO case_restricted_member (case_id, member_id, added_at) VALUES (?, ?, ?)")
        .params(caseId, m.id(), OffsetDateTime.now(ZoneOffset.UTC))
        .update();
  }

  /** The state of a case, as stored. */
  String caseState(long caseId) {
    return jdbc.sql("SELECT state FROM cna_case WHERE id = ?")
        .param(caseId)
        .query(String.class)
        .single();
  }

  /** The actions of the case's audit entries, oldest first, with their actors. */
  java.util.List<String> audit(long caseId) {
    return jdbc.sql("SELECT action || ' ' || actor FROM audit_log WHERE case_id = ? ORDER BY id")
        .param(caseId)
        .query(String.class)
        .list();
  }

  /** The state of an ID in the pool, or null. */
  String state(String cveId) {
    return jdbc.sql("SELECT state FROM cve_id WHERE cve_id = ?")
        .param(cveId)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  /** Removes the test years' IDs and their history, and the test cases. */
  void clean() {
    jdbc.sql(
            "DELETE FROM cve_assignment WHERE case_id IN (SELECT id FROM cna_case WHERE reference"
                + " LIKE 'CVEIDT-%') OR cve_id IN (SELECT cve_id FROM cve_id WHERE cve_year"
                + " BETWEEN ? AND ?)")
        .params(FIRST_TEST_YEAR, LAST_TEST_YEAR)
        .update();
    jdbc.sql("DELETE FROM cve_id WHERE cve_year BETWEEN ? AND ?")
        .params(FIRST_TEST_YEAR, LAST_TEST_YEAR)
        .update();
    jdbc.sql(
            "UPDATE cve_id SET case_id = NULL WHERE case_id IN"
                + " (SELECT id FROM cna_case WHERE reference LIKE 'CVEIDT-%')")
        .update();
    jdbc.sql("DELETE FROM cna_case WHERE reference LIKE 'CVEIDT-%'").update();
  }
}
