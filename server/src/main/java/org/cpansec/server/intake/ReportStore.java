package org.cpansec.server.intake;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The report tables. Every write commits before the receipt page is shown. */
@Repository
public class ReportStore {
  private final JdbcClient jdbc;

  public ReportStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What the tracking page shows the reporter. */
  public record Tracked(
      long id,
      ReportKind kind,
      String status,
      String distribution,
      String version,
      String pauseId,
      OffsetDateTime createdAt,
      List<Note> notes) {}

  /** Information the reporter added later. */
  public record Note(String body, OffsetDateTime createdAt) {}

  /** Stores a vulnerability or malware report; returns its id. */
  public long saveReport(
      ReportKind kind,
      VulnerabilityForm f,
      TrackingToken token,
      boolean secretWarning,
      OffsetDateTime at) {
    jdbc.sql(
            "INSERT INTO report (kind, token_hash, status, distribution, version, download_url,"
                + " details, context, reporter_name, reporter_email, wants_credit,"
                + " withhold_identity, proposed_disclosure, secret_warning, created_at)"
                + " VALUES (?, ?, 'REPORTED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            kind.name(),
            token.hash(),
            f.distribution().strip(),
            f.version().strip(),
            f.downloadUrl().strip(),
            f.details(),
            blankToNull(f.context()),
            blankToNull(f.name()),
            blankToNull(f.email()),
            f.credit(),
            f.withholdIdentity(),
            f.disclosureDate(),
            secretWarning,
            at)
        .update();
    return idOf(token);
  }

  /**
   * Keeps a receipt of an account report (the CPAN id, no evidence: that goes to the PAUSE admins
   * through the outbox, in the caller's transaction); returns its id.
   */
  public long saveAccountReceipt(
      String pauseId, TrackingToken token, boolean secretWarning, OffsetDateTime at) {
    jdbc.sql(
            "INSERT INTO report (kind, token_hash, status, pause_id, wants_credit,"
                + " withhold_identity, secret_warning, created_at)"
                + " VALUES ('ACCOUNT', ?, 'FORWARDED_TO_PAUSE_ADMINS', ?, FALSE, FALSE, ?, ?)")
        .params(token.hash(), pauseId, secretWarning, at)
        .update();
    return idOf(token);
  }

  /** The token hash is unique: the portable way to learn the id just generated. */
  private long idOf(TrackingToken token) {
    return jdbc.sql("SELECT id FROM report WHERE token_hash = ?")
        .param(token.hash())
        .query(Long.class)
        .single();
  }

  public Optional<Tracked> find(TrackingToken token) {
    return jdbc.sql(
            "SELECT id, kind, status, distribution, version, pause_id, created_at FROM report"
                + " WHERE token_hash = ?")
        .param(token.hash())
        .query(
            (rs, n) ->
                new Tracked(
                    rs.getLong(1),
                    ReportKind.valueOf(rs.getString(2)),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getObject(7, OffsetDateTime.class),
                    List.of()))
        .optional()
        .map(
            t ->
                new Tracked(
                    t.id(),
                    t.kind(),
                    t.status(),
                    t.distribution(),
                    t.version(),
                    t.pauseId(),
                    t.createdAt(),
                    notes(t.id())));
  }

  private List<Note> notes(long reportId) {
    return jdbc.sql("SELECT body, created_at FROM report_note WHERE report_id = ? ORDER BY id")
        .param(reportId)
        .query((rs, n) -> new Note(rs.getString(1), rs.getObject(2, OffsetDateTime.class)))
        .list();
  }

  public void addNote(long reportId, String body) {
    jdbc.sql("INSERT INTO report_note (report_id, body, created_at) VALUES (?, ?, ?)")
        .params(reportId, body, now())
        .update();
  }

  /** Records a submission by this client and says whether it stays within the limit. */
  @Transactional
  public boolean admit(String client, int max, java.time.Duration window) {
    OffsetDateTime now = now();
    String hash = TrackingToken.sha256(client);
    jdbc.sql("DELETE FROM submission WHERE at < ?").param(now.minus(window)).update();
    int recent =
        jdbc.sql("SELECT COUNT(*) FROM submission WHERE client_hash = ?")
            .param(hash)
            .query(Integer.class)
            .single();
    if (recent >= max) {
      return false;
    }
    jdbc.sql("INSERT INTO submission (client_hash, at) VALUES (?, ?)").params(hash, now).update();
    return true;
  }

  /** Counts, for tests and the health of the intake. */
  public int count(String table) {
    if (!List.of("report", "report_note", "outbox", "submission").contains(table)) {
      throw new IllegalArgumentException(table);
    }
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
