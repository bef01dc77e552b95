package org.cpansec.server.record;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows of the V6 workspace tables for the tests: members, cases, CVE IDs held by cases. */
final class Workspace {
  private static final AtomicLong SEQ = new AtomicLong(ThreadLocalRandom.current().nextInt(1000));
  private final JdbcClient jdbc;

  Workspace(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  static long next() {
    return SEQ.incrementAndGet();
  }

  /** A member account with these roles; {@code signed}: the current agreement is signed. */
  Member member(String name, boolean signed, Role... roles) {
    String username = name + next();
    jdbc.sql(
            "INSERT INTO member_account (username, display_name, email, created_at)"
                + " VALUES (?, ?, ?, ?)")
        .params(username, name, username + "@example.org", now())
        .update();
    long id =
        jdbc.sql("SELECT id FROM member_account WHERE username = ?")
            .param(username)
            .query(Long.class)
            .single();
    for (Role r : roles) {
      jdbc.sql("INSERT INTO member_role (member_id, role) VALUES (?, ?)")
          .params(id, r.name())
          .update();
    }
    if (signed) {
      jdbc.sql(
              "INSERT INTO agreement_signature (member_id, agreement_version, signed_at)"
                  + " VALUES (?, '1.1', ?)")
          .params(id, now())
          .update();
    }
    return new Member(id, username, name, username + "@example.org", Set.of(roles), signed);
  }

  /** A case; returns its id. The reference is {@code ref}. */
  long kase(String ref, String title, String distribution, String affected, boolean sensitive) {
    jdbc.sql(
            "INSERT INTO cna_case (reference, state, title, distribution, affected_versions,"
                + " sensitive, reported_at, created_at, updated_at)"
                + " VALUES (?, 'DRAFTING', ?, ?, ?, ?, ?, ?, ?)")
        .params(ref, title, distribution, affected, sensitive, now(), now(), now())
        .update();
    return jdbc.sql("SELECT id FROM cna_case WHERE reference = ?")
        .param(ref)
        .query(Long.class)
        .single();
  }

  /** A fresh case reference. */
  static String reference() {
    return "CASE-" + next();
  }

  /** A fresh CVE ID of 2026. */
  static String cve() {
    return "CVE-2026-" + (100000 + next());
  }

  /** Makes the case hold the CVE ID (adding it to the pool when it is not there). */
  void hold(long caseId, String cve) {
    int updated =
        jdbc.sql("UPDATE cve_id SET case_id = ?, state = 'ASSIGNED' WHERE cve_id = ?")
            .params(caseId, cve)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO cve_id (cve_id, cve_year, state, case_id, reserved_at, source)"
                  + " VALUES (?, ?, 'ASSIGNED', ?, ?, 'test')")
          .params(cve, Integer.parseInt(cve.substring(4, 8)), caseId, now())
          .update();
    }
  }

  void assign(long caseId, Member m) {
    jdbc.sql("INSERT INTO case_assignee (case_id, member_id) VALUES (?, ?)")
        .params(caseId, m.id())
        .update();
  }
}
