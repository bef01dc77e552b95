package org.cpansec.server.cases;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the intake's {@code report} tables (V2, V5) for the cases. No access rule here. */
@Repository
class ReportReader {
  private final JdbcClient jdbc;

  ReportReader(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The token hash of a report: the reporter's grant on the case made from it. */
  record Source(ReportDetails details, String tokenHash) {}

  Optional<Source> find(long reportId) {
    return jdbc.sql(
            "SELECT r.id, r.kind, r.status, r.distribution, r.version, r.download_url, r.details,"
                + " r.context, r.reporter_name, r.reporter_email, r.wants_credit,"
                + " r.withhold_identity, r.proposed_disclosure, r.created_at,"
                + " (SELECT COUNT(*) FROM report_attachment a WHERE a.report_id = r.id),"
                + " r.token_hash FROM report r WHERE r.id = ?")
        .param(reportId)
        .query(
            (rs, n) ->
                new Source(
                    new ReportDetails(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getBoolean(11),
                        rs.getBoolean(12),
                        rs.getObject(13, LocalDate.class),
                        rs.getObject(14, OffsetDateTime.class),
                        rs.getInt(15)),
                    rs.getString(16)))
        .optional();
  }

  /** Vulnerability and malware reports that no case was made from yet, newest first. */
  List<ReportDetails.Pending> pending(int limit) {
    return jdbc.sql(
            "SELECT r.id, r.kind, r.distribution, r.version, r.created_at FROM report r"
                + " WHERE r.kind <> 'ACCOUNT' AND NOT EXISTS (SELECT 1 FROM cna_case c"
                + " WHERE c.report_id = r.id) ORDER BY r.id DESC LIMIT "
                + limit)
        .query(
            (rs, n) ->
                new ReportDetails.Pending(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getObject(5, OffsetDateTime.class)))
        .list();
  }

  /** The case already made from this report, if any. */
  Optional<Long> caseOf(long reportId) {
    return jdbc
        .sql("SELECT id FROM cna_case WHERE report_id = ? ORDER BY id")
        .param(reportId)
        .query(Long.class)
        .list()
        .stream()
        .findFirst();
  }

  /** The reporter sees "case opened" on their tracking page. */
  void markCaseOpened(long reportId) {
    jdbc.sql("UPDATE report SET status = 'CASE_OPENED' WHERE id = ?").param(reportId).update();
  }

  /** A file the reporter attached, with its bytes. */
  record File(String fileName, byte[] content) {}

  List<File> attachments(long reportId) {
    return jdbc.sql(
            "SELECT file_name, content FROM report_attachment WHERE report_id = ? ORDER BY id")
        .param(reportId)
        .query((rs, n) -> new File(rs.getString(1), rs.getBytes(2)))
        .list();
  }

  /** Whether the reporter asked that their identity be withheld, even from the maintainer. */
  boolean withholdsIdentity(long reportId) {
    return jdbc.sql("SELECT withhold_identity FROM report WHERE id = ?")
        .param(reportId)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }
}
