package org.cpansec.server.cases;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.cpansec.server.intake.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Members, reports and CVE ids written straight to the database, as other packages would. */
public final class Fixtures {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private final JdbcClient jdbc;

  public Fixtures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A member account with these roles; {@code signed}: has signed the current agreement. */
  public Member member(String name, boolean signed, Role... roles) {
    String username = name + "-" + System.nanoTime() + "-" + SEQ.incrementAndGet();
    jdbc.sql(
            "INSERT INTO member_account (username, display_name, email, enabled, created_at)"
                + " VALUES (?, ?, ?, TRUE, ?)")
        .params(username, "Display " + name, username + "@example.org", now())
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
    return new Member(
        id, username, "Display " + name, username + "@example.org", Set.of(roles), signed);
  }

  public Member cna(String name) {
    return member(name, true, Role.CNA_MEMBER);
  }

  /** A stored vulnerability report and its tracking token. */
  public record Report(long id, TrackingToken token) {}

  public Report report(String dist, String version, String reporter, boolean withhold) {
    TrackingToken token = TrackingToken.random();
    jdbc.sql(
            "INSERT INTO report (kind, token_hash, status, distribution, version, download_url,"
                + " details, reporter_name, reporter_email, wants_credit, withhold_identity,"
                + " secret_warning, created_at) VALUES ('VULNERABILITY', ?, 'REPORTED', ?, ?, ?,"
                + " ?, ?, ?, TRUE, ?, FALSE, ?)")
        .params(
            token.hash(),
            dist,
            version,
            "https://cpan.metacpan.org/authors/id/X/XX/XX/" + dist + "-" + version + ".tar.gz",
            "Secret details of the flaw in " + dist,
            reporter,
            reporter == null ? null : "reporter@example.org",
            withhold,
            now())
        .update();
    long id =
        jdbc.sql("SELECT id FROM report WHERE token_hash = ?")
            .param(token.hash())
            .query(Long.class)
            .single();
    return new Report(id, token);
  }

  public void reportAttachment(long reportId, String name, byte[] content) {
    jdbc.sql(
            "INSERT INTO report_attachment (report_id, file_name, content_type, size_bytes,"
                + " content, created_at) VALUES (?, ?, 'text/plain', ?, ?, ?)")
        .params(reportId, name, content.length, content, now())
        .update();
  }

  /** A CVE id of the pool assigned to the case (what the {@code cveid} package does). */
  public String assignCve(long caseId) {
    String cve = "CVE-2026-" + (1_000_000 + SEQ.incrementAndGet());
    jdbc.sql(
            "INSERT INTO cve_id (cve_id, cve_year, state, case_id, reserved_at, source)"
                + " VALUES (?, 2026, 'ASSIGNED', ?, ?, 'test')")
        .params(cve, caseId, now())
        .update();
    return cve;
  }

  public long caseId(String reference) {
    return jdbc.sql("SELECT id FROM cna_case WHERE reference = ?")
        .param(reference)
        .query(Long.class)
        .single();
  }

  /** Puts the case into a state directly (for access tests, where the path does not matter). */
  public void forceState(String reference, CaseState state) {
    jdbc.sql("UPDATE cna_case SET state = ? WHERE reference = ?")
        .params(state.name(), reference)
        .update();
  }

  /** The case's state, as stored. */
  public String stateOf(String reference) {
    return jdbc.sql("SELECT state FROM cna_case WHERE reference = ?")
        .param(reference)
        .query(String.class)
        .single();
  }

  public int auditCount(long caseId, String action) {
    return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE case_id = ? AND action = ?")
        .params(caseId, action)
        .query(Integer.class)
        .single();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
