package org.cpansec.server.record;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.cpansec.cve.record.CveId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The records of cases and every saved version ({@code case_record}, {@code case_record_version},
 * {@code case_record_finding}, V14). Versions are only ever added: a save never changes or removes
 * an earlier one, whatever the text.
 */
@Repository
public class RecordStore {
  private static final int MAX_MESSAGE = 4000;
  private static final int MAX_RULE = 100;

  private final JdbcClient jdbc;

  public RecordStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The current version of a record. */
  public record Current(
      long recordId,
      String cve,
      int version,
      String yaml,
      boolean valid,
      String savedBy,
      OffsetDateTime savedAt) {}

  /** A line of the history. */
  public record VersionInfo(
      int version,
      boolean valid,
      int errors,
      int warnings,
      String savedBy,
      OffsetDateTime savedAt) {}

  /** One saved version with what the check found in it. */
  public record Version(
      int version,
      String yaml,
      boolean valid,
      String savedBy,
      OffsetDateTime savedAt,
      List<Finding> findings) {}

  /**
   * The outcome of a save.
   *
   * @param version the record's current version after the save
   * @param added whether a version was added (false: the text equals the current version's)
   * @param overtaken when someone saved since the version the editor started from: the number of
   *     the version that was current before this save, else 0
   */
  public record Saved(int version, boolean added, int overtaken) {}

  /**
   * The CVE IDs a case holds in the pool ({@code cve_id.case_id}), and any it has a record for, in
   * CVE order.
   */
  public List<String> cves(long caseId) {
    TreeSet<CveId> ids = new TreeSet<>(Comparator.naturalOrder());
    jdbc.sql(
            "SELECT cve_id FROM cve_id WHERE case_id = ?"
                + " UNION SELECT cve_id FROM case_record WHERE case_id = ?")
        .params(caseId, caseId)
        .query(String.class)
        .list()
        .forEach(id -> ids.add(CveId.of(id)));
    return ids.stream().map(CveId::value).toList();
  }

  public Optional<Current> current(long caseId, String cve) {
    return jdbc.sql(
            "SELECT r.id, r.cve_id, v.version, v.yaml, v.valid, m.display_name, v.saved_at"
                + " FROM case_record r"
                + " JOIN case_record_version v"
                + "   ON v.record_id = r.id AND v.version = r.current_version"
                + " JOIN member_account m ON m.id = v.saved_by"
                + " WHERE r.case_id = ? AND r.cve_id = ?")
        .params(caseId, cve)
        .query(
            (rs, n) ->
                new Current(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getInt(3),
                    rs.getString(4),
                    rs.getBoolean(5),
                    rs.getString(6),
                    rs.getObject(7, OffsetDateTime.class)))
        .optional();
  }

  /** Every version of a record, newest first. */
  public List<VersionInfo> history(long recordId) {
    return jdbc.sql(
            "SELECT v.version, v.valid,"
                + " (SELECT COUNT(*) FROM case_record_finding f WHERE f.record_id = v.record_id"
                + "   AND f.version = v.version AND f.severity = 'error'),"
                + " (SELECT COUNT(*) FROM case_record_finding f WHERE f.record_id = v.record_id"
                + "   AND f.version = v.version AND f.severity <> 'error'),"
                + " m.display_name, v.saved_at"
                + " FROM case_record_version v JOIN member_account m ON m.id = v.saved_by"
                + " WHERE v.record_id = ? ORDER BY v.version DESC")
        .param(recordId)
        .query(
            (rs, n) ->
                new VersionInfo(
                    rs.getInt(1),
                    rs.getBoolean(2),
                    rs.getInt(3),
                    rs.getInt(4),
                    rs.getString(5),
                    rs.getObject(6, OffsetDateTime.class)))
        .list();
  }

  public Optional<Version> version(long recordId, int version) {
    List<Finding> findings =
        jdbc.sql(
                "SELECT severity, rule, line_no, column_no, message FROM case_record_finding"
                    + " WHERE record_id = ? AND version = ? ORDER BY seq")
            .params(recordId, version)
            .query(
                (rs, n) ->
                    new Finding(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getString(5)))
            .list();
    return jdbc.sql(
            "SELECT v.version, v.yaml, v.valid, m.display_name, v.saved_at"
                + " FROM case_record_version v JOIN member_account m ON m.id = v.saved_by"
                + " WHERE v.record_id = ? AND v.version = ?")
        .params(recordId, version)
        .query(
            (rs, n) ->
                new Version(
                    rs.getInt(1),
                    rs.getString(2),
                    rs.getBoolean(3),
                    rs.getString(4),
                    rs.getObject(5, OffsetDateTime.class),
                    findings))
        .optional();
  }

  /**
   * Adds a version, unless the text equals the current version's. Saves of one case are serialised
   * by a lock on its {@code cna_case} row, so version numbers never collide.
   *
   * @param base the version the editor started from (0 for a new record)
   * @param valid whether the check found no error (warnings allowed)
   * @param findings what the check found, kept with the version
   */
  @Transactional
  public Saved save(
      long caseId,
      String cve,
      String yaml,
      boolean valid,
      List<Finding> findings,
      long memberId,
      int base,
      OffsetDateTime at) {
    jdbc.sql("SELECT id FROM cna_case WHERE id = ? FOR UPDATE")
        .param(caseId)
        .query(Long.class)
        .single();
    Optional<Current> current = current(caseId, cve);
    long recordId;
    int previous;
    if (current.isPresent()) {
      if (current.get().yaml().equals(yaml)) {
        return new Saved(current.get().version(), false, 0);
      }
      recordId = current.get().recordId();
      previous = current.get().version();
    } else {
      jdbc.sql(
              "INSERT INTO case_record (case_id, cve_id, current_version, created_at, updated_at)"
                  + " VALUES (?, ?, 0, ?, ?)")
          .params(caseId, cve, at, at)
          .update();
      recordId =
          jdbc.sql("SELECT id FROM case_record WHERE case_id = ? AND cve_id = ?")
              .params(caseId, cve)
              .query(Long.class)
              .single();
      previous = 0;
    }
    int version = previous + 1;
    jdbc.sql(
            "INSERT INTO case_record_version (record_id, version, yaml, valid, saved_by, saved_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(recordId, version, yaml, valid, memberId, at)
        .update();
    List<Finding> kept = new ArrayList<>(findings);
    for (int i = 0; i < kept.size(); i++) {
      Finding f = kept.get(i);
      jdbc.sql(
              "INSERT INTO case_record_finding (record_id, version, seq, severity, rule, line_no,"
                  + " column_no, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              recordId,
              version,
              i + 1,
              f.severity(),
              cut(f.rule(), MAX_RULE),
              f.line(),
              f.column(),
              cut(f.message(), MAX_MESSAGE))
          .update();
    }
    jdbc.sql("UPDATE case_record SET current_version = ?, updated_at = ? WHERE id = ?")
        .params(version, at, recordId)
        .update();
    return new Saved(version, true, previous != base ? previous : 0);
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
