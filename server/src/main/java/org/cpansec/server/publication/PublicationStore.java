package org.cpansec.server.publication;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.cpansec.server.cases.CaseRecord;
import org.cpansec.server.cases.CaseState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * SQL of the publication tables (V18) and the few reads of other packages' tables the steps need
 * (the case row, its CVE IDs, files, grants and report). No access rule here: {@link Publication}
 * and {@link Disputes} call it only after {@code cases.CaseAccess} said yes.
 */
@Repository
class PublicationStore {
  static final String PENDING = "PENDING";
  static final String DONE = "DONE";
  static final String FAILED = "FAILED";

  private static final int MAX_TEXT = 4000;
  private static final String CASE_COLUMNS =
      "c.id, c.reference, c.report_id, c.state, c.title, c.distribution, c.affected_versions,"
          + " c.sensitive, c.reported_at, c.earliest_public_report, c.maintainer_contacted_at,"
          + " c.planned_disclosure, c.published_at, c.created_at, c.updated_at";

  private final JdbcClient jdbc;

  PublicationStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // ---- the case and what it holds ----------------------------------------------------------

  Optional<CaseRecord> caseByReference(String reference) {
    return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM cna_case c WHERE c.reference = ?")
        .param(reference)
        .query((rs, n) -> caseRecord(rs))
        .optional();
  }

  Optional<CaseRecord> caseById(long id) {
    return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM cna_case c WHERE c.id = ?")
        .param(id)
        .query((rs, n) -> caseRecord(rs))
        .optional();
  }

  /** Locks the case row until the transaction ends, and reads it. */
  CaseRecord lockCase(long id) {
    jdbc.sql("SELECT id FROM cna_case WHERE id = ? FOR UPDATE")
        .param(id)
        .query(Long.class)
        .single();
    return caseById(id).orElseThrow();
  }

  private static CaseRecord caseRecord(ResultSet rs) throws SQLException {
    long report = rs.getLong(3);
    Long reportId = rs.wasNull() ? null : report;
    return new CaseRecord(
        rs.getLong(1),
        rs.getString(2),
        reportId,
        CaseState.valueOf(rs.getString(4)),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getBoolean(8),
        rs.getObject(9, OffsetDateTime.class),
        rs.getObject(10, java.time.LocalDate.class),
        rs.getObject(11, OffsetDateTime.class),
        rs.getObject(12, java.time.LocalDate.class),
        rs.getObject(13, OffsetDateTime.class),
        rs.getObject(14, OffsetDateTime.class),
        rs.getObject(15, OffsetDateTime.class));
  }

  /** The CVE IDs of the case's pool that can be published (assigned, shared or published). */
  List<String> publishableCves(long caseId) {
    return jdbc.sql(
            "SELECT cve_id FROM cve_id WHERE case_id = ?"
                + " AND state IN ('ASSIGNED', 'SHARED', 'PUBLISHED') ORDER BY LENGTH(cve_id), cve_id")
        .param(caseId)
        .query(String.class)
        .list();
  }

  /** A file of the case. */
  record Attachment(long id, String fileName, long sizeBytes, String sha256) {}

  List<Attachment> attachments(long caseId) {
    return jdbc.sql(
            "SELECT id, file_name, size_bytes, sha256 FROM case_attachment WHERE case_id = ?"
                + " ORDER BY id")
        .param(caseId)
        .query(
            (rs, n) ->
                new Attachment(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
        .list();
  }

  Optional<Attachment> attachment(long caseId, long attachmentId) {
    return attachments(caseId).stream().filter(a -> a.id() == attachmentId).findFirst();
  }

  /** Someone to forward the announcement to. */
  record Addressee(String name, String email) {}

  /** The maintainers named by unrevoked MAINTAINER links of the case that carry an address. */
  List<Addressee> maintainers(long caseId) {
    return jdbc
        .sql(
            "SELECT name, email FROM case_grant WHERE case_id = ? AND party = 'MAINTAINER'"
                + " AND revoked_at IS NULL AND email IS NOT NULL ORDER BY id")
        .param(caseId)
        .query((rs, n) -> new Addressee(rs.getString(1), rs.getString(2)))
        .list()
        .stream()
        .filter(a -> !a.email().isBlank())
        .toList();
  }

  /**
   * The reporter's address: the one given with the case's report, else the one of an unrevoked
   * REPORTER link; empty when they gave none.
   */
  Optional<Addressee> reporter(CaseRecord c) {
    if (c.reportId() != null) {
      Optional<Addressee> fromReport =
          jdbc.sql("SELECT reporter_name, reporter_email FROM report WHERE id = ?")
              .param(c.reportId())
              .query((rs, n) -> new Addressee(rs.getString(1), rs.getString(2)))
              .optional()
              .filter(a -> a.email() != null && !a.email().isBlank());
      if (fromReport.isPresent()) {
        return fromReport;
      }
    }
    return jdbc
        .sql(
            "SELECT name, email FROM case_grant WHERE case_id = ? AND party = 'REPORTER'"
                + " AND revoked_at IS NULL AND email IS NOT NULL ORDER BY id")
        .param(c.id())
        .query((rs, n) -> new Addressee(rs.getString(1), rs.getString(2)))
        .list()
        .stream()
        .filter(a -> !a.email().isBlank())
        .findFirst();
  }

  // ---- runs -----------------------------------------------------------------------------------

  /** A run of the steps. */
  record Run(
      long id,
      long caseId,
      RunKind kind,
      String note,
      String startedBy,
      OffsetDateTime startedAt,
      OffsetDateTime finishedAt) {
    public boolean finished() {
      return finishedAt != null;
    }
  }

  private static final String RUN_COLUMNS =
      "r.id, r.case_id, r.kind, r.note, m.display_name, r.started_at, r.finished_at";

  private static Run run(ResultSet rs) throws SQLException {
    return new Run(
        rs.getLong(1),
        rs.getLong(2),
        RunKind.valueOf(rs.getString(3)),
        rs.getString(4),
        rs.getString(5),
        rs.getObject(6, OffsetDateTime.class),
        rs.getObject(7, OffsetDateTime.class));
  }

  long insertRun(long caseId, RunKind kind, String note, long memberId, OffsetDateTime at) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO publication_run (case_id, kind, note, started_by, started_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(caseId, kind.name(), note, memberId, at)
        .update(keys, "id");
    return keys.getKeyAs(Number.class).longValue();
  }

  Optional<Run> run(long runId) {
    return jdbc.sql(
            "SELECT "
                + RUN_COLUMNS
                + " FROM publication_run r JOIN member_account m ON m.id = r.started_by"
                + " WHERE r.id = ?")
        .param(runId)
        .query((rs, n) -> run(rs))
        .optional();
  }

  /** The case's unfinished run, if any (there is at most one). */
  Optional<Run> openRun(long caseId) {
    return jdbc
        .sql(
            "SELECT "
                + RUN_COLUMNS
                + " FROM publication_run r JOIN member_account m ON m.id = r.started_by"
                + " WHERE r.case_id = ? AND r.finished_at IS NULL ORDER BY r.id")
        .param(caseId)
        .query((rs, n) -> run(rs))
        .list()
        .stream()
        .findFirst();
  }

  /** Every run of the case, newest first. */
  List<Run> runs(long caseId) {
    return jdbc.sql(
            "SELECT "
                + RUN_COLUMNS
                + " FROM publication_run r JOIN member_account m ON m.id = r.started_by"
                + " WHERE r.case_id = ? ORDER BY r.id DESC")
        .param(caseId)
        .query((rs, n) -> run(rs))
        .list();
  }

  /**
   * Claims the run for this server while it runs the steps: false when another claim younger than
   * {@code staleBefore} holds it.
   */
  boolean claim(long runId, OffsetDateTime now, OffsetDateTime staleBefore) {
    return jdbc.sql(
                "UPDATE publication_run SET running_since = ? WHERE id = ? AND finished_at IS NULL"
                    + " AND (running_since IS NULL OR running_since < ?)")
            .params(now, runId, staleBefore)
            .update()
        == 1;
  }

  void release(long runId) {
    jdbc.sql("UPDATE publication_run SET running_since = NULL WHERE id = ?").param(runId).update();
  }

  void finishRun(long runId, OffsetDateTime at) {
    jdbc.sql("UPDATE publication_run SET finished_at = ? WHERE id = ? AND finished_at IS NULL")
        .params(at, runId)
        .update();
  }

  // ---- the records a run publishes --------------------------------------------------------------

  /** A CVE record as a run publishes it: the saved version, and the CVE JSON once submitted. */
  record RunRecord(long runId, String cveId, long recordId, int recordVersion, String cveJson) {}

  void insertRecord(long runId, String cveId, long recordId, int version) {
    jdbc.sql(
            "INSERT INTO publication_record (run_id, cve_id, record_id, record_version)"
                + " VALUES (?, ?, ?, ?)")
        .params(runId, cveId, recordId, version)
        .update();
  }

  List<RunRecord> records(long runId) {
    return jdbc.sql(
            "SELECT run_id, cve_id, record_id, record_version, cve_json FROM publication_record"
                + " WHERE run_id = ? ORDER BY LENGTH(cve_id), cve_id")
        .param(runId)
        .query(
            (rs, n) ->
                new RunRecord(
                    rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getString(5)))
        .list();
  }

  Optional<RunRecord> record(long runId, String cveId) {
    return records(runId).stream().filter(r -> r.cveId().equals(cveId)).findFirst();
  }

  void saveCveJson(long runId, String cveId, String json) {
    jdbc.sql("UPDATE publication_record SET cve_json = ? WHERE run_id = ? AND cve_id = ?")
        .params(json, runId, cveId)
        .update();
  }

  /**
   * The record version last published for each CVE of the case (by finished runs, or by runs whose
   * advisory step is done), newest run first per CVE.
   */
  Optional<Integer> lastPublishedVersion(long caseId, String cveId) {
    return jdbc
        .sql(
            "SELECT p.record_version FROM publication_record p"
                + " JOIN publication_run r ON r.id = p.run_id"
                + " WHERE r.case_id = ? AND p.cve_id = ? AND EXISTS (SELECT 1 FROM publication_step s"
                + "   WHERE s.run_id = r.id AND s.cve_id = p.cve_id AND s.step = 'ADVISORY'"
                + "   AND s.status = 'DONE')"
                + " ORDER BY r.id DESC")
        .params(caseId, cveId)
        .query(Integer.class)
        .list()
        .stream()
        .findFirst();
  }

  // ---- steps ---------------------------------------------------------------------------------

  /** One step of a run, as recorded. */
  record StepRow(
      long runId,
      int seq,
      long caseId,
      String cveId,
      Step step,
      String status,
      int attempts,
      String lastError,
      OffsetDateTime lastAttemptAt,
      OffsetDateTime doneAt,
      String detail) {
    public boolean done() {
      return DONE.equals(status);
    }

    public boolean failed() {
      return FAILED.equals(status);
    }
  }

  private static final String STEP_COLUMNS =
      "run_id, seq, case_id, cve_id, step, status, attempts, last_error, last_attempt_at, done_at,"
          + " detail";

  private static StepRow step(ResultSet rs) throws SQLException {
    return new StepRow(
        rs.getLong(1),
        rs.getInt(2),
        rs.getLong(3),
        rs.getString(4),
        Step.valueOf(rs.getString(5)),
        rs.getString(6),
        rs.getInt(7),
        rs.getString(8),
        rs.getObject(9, OffsetDateTime.class),
        rs.getObject(10, OffsetDateTime.class),
        rs.getString(11));
  }

  void insertStep(long runId, int seq, long caseId, String cveId, Step step) {
    jdbc.sql(
            "INSERT INTO publication_step (run_id, seq, case_id, cve_id, step, status, attempts)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0)")
        .params(runId, seq, caseId, cveId, step.name(), PENDING)
        .update();
  }

  List<StepRow> steps(long runId) {
    return jdbc.sql(
            "SELECT " + STEP_COLUMNS + " FROM publication_step WHERE run_id = ? ORDER BY seq")
        .param(runId)
        .query((rs, n) -> step(rs))
        .list();
  }

  /** Locks the step row until the transaction ends, and reads it. */
  StepRow lockStep(long runId, int seq) {
    return jdbc.sql(
            "SELECT "
                + STEP_COLUMNS
                + " FROM publication_step WHERE run_id = ? AND seq = ? FOR UPDATE")
        .params(runId, seq)
        .query((rs, n) -> step(rs))
        .single();
  }

  void markDone(long runId, int seq, String detail, OffsetDateTime at) {
    jdbc.sql(
            "UPDATE publication_step SET status = 'DONE', attempts = attempts + 1,"
                + " last_attempt_at = ?, done_at = ?, detail = ? WHERE run_id = ? AND seq = ?")
        .params(at, at, cut(detail), runId, seq)
        .update();
  }

  /** Records a failed attempt, unless the step was done meanwhile (then nothing changes). */
  boolean markFailed(long runId, int seq, String error, OffsetDateTime at) {
    return jdbc.sql(
                "UPDATE publication_step SET status = 'FAILED', attempts = attempts + 1,"
                    + " last_attempt_at = ?, last_error = ? WHERE run_id = ? AND seq = ?"
                    + " AND status <> 'DONE'")
            .params(at, cut(error), runId, seq)
            .update()
        == 1;
  }

  // ---- fix patches ---------------------------------------------------------------------------

  /** The file marked as the fix patch of a case's CVE record. */
  record FixPatch(
      long caseId,
      String cveId,
      long attachmentId,
      String fileName,
      String sha256,
      String version,
      String markedBy,
      OffsetDateTime markedAt) {}

  List<FixPatch> fixPatches(long caseId) {
    return jdbc.sql(
            "SELECT f.case_id, f.cve_id, f.attachment_id, a.file_name, a.sha256, f.dist_version,"
                + " m.display_name, f.marked_at FROM publication_fix_patch f"
                + " JOIN case_attachment a ON a.id = f.attachment_id"
                + " JOIN member_account m ON m.id = f.marked_by"
                + " WHERE f.case_id = ? ORDER BY LENGTH(f.cve_id), f.cve_id")
        .param(caseId)
        .query(
            (rs, n) ->
                new FixPatch(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getObject(8, OffsetDateTime.class)))
        .list();
  }

  Optional<FixPatch> fixPatch(long caseId, String cveId) {
    return fixPatches(caseId).stream().filter(f -> f.cveId().equals(cveId)).findFirst();
  }

  void markFixPatch(
      long caseId,
      String cveId,
      long attachmentId,
      String version,
      long memberId,
      OffsetDateTime at) {
    jdbc.sql("DELETE FROM publication_fix_patch WHERE case_id = ? AND cve_id = ?")
        .params(caseId, cveId)
        .update();
    jdbc.sql(
            "INSERT INTO publication_fix_patch (case_id, cve_id, attachment_id, dist_version,"
                + " marked_by, marked_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(caseId, cveId, attachmentId, version, memberId, at)
        .update();
  }

  boolean clearFixPatch(long caseId, String cveId) {
    return jdbc.sql("DELETE FROM publication_fix_patch WHERE case_id = ? AND cve_id = ?")
            .params(caseId, cveId)
            .update()
        > 0;
  }

  // ---- published patches -----------------------------------------------------------------------

  /** A patch file published under {@code patches/}. */
  record PublishedPatch(
      long id,
      String cveId,
      String distribution,
      String version,
      int revision,
      String path,
      String sha256,
      long sizeBytes,
      OffsetDateTime publishedAt) {}

  private static final String PATCH_COLUMNS =
      "id, cve_id, distribution, dist_version, revision, path, sha256, size_bytes, published_at";

  private static PublishedPatch patch(ResultSet rs) throws SQLException {
    return new PublishedPatch(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getInt(5),
        rs.getString(6),
        rs.getString(7),
        rs.getLong(8),
        rs.getObject(9, OffsetDateTime.class));
  }

  /** The patches published for the case, oldest first. */
  List<PublishedPatch> patches(long caseId) {
    return jdbc.sql(
            "SELECT " + PATCH_COLUMNS + " FROM published_patch WHERE case_id = ? ORDER BY id")
        .param(caseId)
        .query((rs, n) -> patch(rs))
        .list();
  }

  /** The newest revision published for the CVE, if any. */
  Optional<PublishedPatch> latestPatch(String cveId) {
    return jdbc
        .sql(
            "SELECT "
                + PATCH_COLUMNS
                + " FROM published_patch WHERE cve_id = ? ORDER BY revision DESC, id DESC")
        .param(cveId)
        .query((rs, n) -> patch(rs))
        .list()
        .stream()
        .findFirst();
  }

  Optional<PublishedPatch> patchByPath(String path) {
    return jdbc.sql("SELECT " + PATCH_COLUMNS + " FROM published_patch WHERE path = ?")
        .param(path)
        .query((rs, n) -> patch(rs))
        .optional();
  }

  /** The revision the next patch of this distribution, version and CVE gets (1 for the first). */
  int nextRevision(String distribution, String version, String cveId) {
    Integer max =
        jdbc.sql(
                "SELECT MAX(revision) FROM published_patch WHERE distribution = ?"
                    + " AND dist_version = ? AND cve_id = ?")
            .params(distribution, version, cveId)
            .query(Integer.class)
            .optional()
            .orElse(null);
    return max == null ? 1 : max + 1;
  }

  void insertPatch(
      long caseId,
      String cveId,
      String distribution,
      String version,
      int revision,
      String path,
      String sha256,
      long size,
      long memberId,
      OffsetDateTime at) {
    jdbc.sql(
            "INSERT INTO published_patch (case_id, cve_id, distribution, dist_version, revision,"
                + " path, sha256, size_bytes, published_by, published_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(caseId, cveId, distribution, version, revision, path, sha256, size, memberId, at)
        .update();
  }

  // ---- disputes --------------------------------------------------------------------------------

  /** What this package records about a dispute. */
  record DisputeRow(
      long disputeId,
      long caseId,
      String cveId,
      String senderName,
      String senderEmail,
      Long acknowledgementOutboxId,
      String decision,
      String decisionReason,
      String communication,
      String decidedBy,
      OffsetDateTime decidedAt) {
    public boolean decided() {
      return decision != null;
    }
  }

  void insertDispute(
      long disputeId, long caseId, String cveId, String senderName, String senderEmail) {
    jdbc.sql(
            "INSERT INTO publication_dispute (dispute_id, case_id, cve_id, sender_name,"
                + " sender_email) VALUES (?, ?, ?, ?, ?)")
        .params(disputeId, caseId, cveId, senderName, senderEmail)
        .update();
  }

  List<DisputeRow> disputes(long caseId) {
    return jdbc.sql(
            "SELECT d.dispute_id, d.case_id, d.cve_id, d.sender_name, d.sender_email,"
                + " d.acknowledgement_outbox_id, d.decision, d.decision_reason, d.communication,"
                + " m.display_name, d.decided_at FROM publication_dispute d"
                + " LEFT JOIN member_account m ON m.id = d.decided_by"
                + " WHERE d.case_id = ? ORDER BY d.dispute_id")
        .param(caseId)
        .query(
            (rs, n) -> {
              long outbox = rs.getLong(6);
              Long outboxId = rs.wasNull() ? null : outbox;
              return new DisputeRow(
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  outboxId,
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9),
                  rs.getString(10),
                  rs.getObject(11, OffsetDateTime.class));
            })
        .list();
  }

  /** The newest dispute the clocks package recorded for the case. */
  long newestClockDispute(long caseId) {
    return jdbc.sql("SELECT MAX(id) FROM case_dispute WHERE case_id = ?")
        .param(caseId)
        .query(Long.class)
        .single();
  }

  void setAcknowledgementMail(long disputeId, long outboxId) {
    jdbc.sql("UPDATE publication_dispute SET acknowledgement_outbox_id = ? WHERE dispute_id = ?")
        .params(outboxId, disputeId)
        .update();
  }

  boolean decide(
      long disputeId,
      String decision,
      String reason,
      String communication,
      long memberId,
      OffsetDateTime at) {
    return jdbc.sql(
                "UPDATE publication_dispute SET decision = ?, decision_reason = ?,"
                    + " communication = ?, decided_by = ?, decided_at = ?"
                    + " WHERE dispute_id = ? AND decision IS NULL")
            .params(decision, reason, communication, memberId, at, disputeId)
            .update()
        == 1;
  }

  static String cut(String s) {
    return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 1) + "…";
  }
}
