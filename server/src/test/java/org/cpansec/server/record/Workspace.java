package org.cpansec.server.record;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows of the workspace tables for the tests: cases, CVE IDs held by cases, named members. */
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

  /** A fresh case reference, shaped like the workspace's own (a year no real case has). */
  static String reference() {
    return String.format(java.util.Locale.ROOT, "CPANSEC-2999-%05d", next());
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

  /** Names the member on a sensitive case (the cases' rule: only named CNA members see it). */
  void name(long caseId, long memberId) {
    jdbc.sql("INSERT INTO case_restricted_member (case_id, member_id, added_at) VALUES (?, ?, ?)")
        .params(caseId, memberId, now())
        .update();
  }
}
