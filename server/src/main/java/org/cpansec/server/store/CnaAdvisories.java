package org.cpansec.server.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.cpansec.advisory.Advisory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The advisories the CNA published itself, from its own CVE records ({@code cna_advisory},
 * migration V18, written by the publication package through {@link AdvisoryCatalog#publish}). They
 * are kept apart from the imported database, so that a re-import never loses them, and merged over
 * it by {@link AdvisoryCatalog} as a CNA source (its ranges win). One row per CVE ID; publishing
 * the same CVE again (a §9 update) replaces it and counts a revision.
 */
@Repository
public class CnaAdvisories {
  private final JdbcClient jdbc;

  public CnaAdvisories(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One stored CNA advisory. */
  public record Stored(
      String cveId,
      Long caseId,
      Advisory advisory,
      int revision,
      OffsetDateTime firstPublishedAt,
      OffsetDateTime updatedAt) {}

  /**
   * Stores the advisory of {@code cveId} (inserted, or replacing the previous revision), in the
   * caller's transaction. Returns the revision now stored (1 for the first publication).
   */
  public int save(String cveId, long caseId, Advisory a, Instant at) {
    OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
    String document = AdvisoryDocument.write(a);
    String severity = a.severity().level().label();
    String disclosed = a.published() != null ? a.published() : a.reported();
    Integer year = AdvisoryStore.year(a).orElse(null);
    String search = AdvisoryStore.searchText(a);
    int updated =
        jdbc.sql(
                "UPDATE cna_advisory SET case_id = ?, distribution = ?, severity = ?, title = ?,"
                    + " disclosed = ?, pub_year = ?, search_text = ?, document = ?,"
                    + " revision = revision + 1, updated_at = ? WHERE cve_id = ?")
            .params(
                caseId,
                a.distribution(),
                severity,
                AdvisoryStore.headline(a),
                disclosed,
                year,
                search,
                document,
                when,
                cveId)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO cna_advisory (cve_id, case_id, distribution, severity, title, disclosed,"
                  + " pub_year, search_text, document, revision, first_published_at, updated_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")
          .params(
              cveId,
              caseId,
              a.distribution(),
              severity,
              AdvisoryStore.headline(a),
              disclosed,
              year,
              search,
              document,
              when,
              when)
          .update();
    }
    return jdbc.sql("SELECT revision FROM cna_advisory WHERE cve_id = ?")
        .param(cveId)
        .query(Integer.class)
        .single();
  }

  /** Every CNA advisory, by CVE ID. */
  public List<Advisory> advisories() {
    return jdbc.sql("SELECT document FROM cna_advisory ORDER BY cve_id")
        .query((rs, n) -> AdvisoryDocument.read(rs.getString(1)))
        .list();
  }

  /** The stored advisory of one CVE ID. */
  public Optional<Stored> find(String cveId) {
    return jdbc.sql(
            "SELECT cve_id, case_id, document, revision, first_published_at, updated_at"
                + " FROM cna_advisory WHERE cve_id = ?")
        .param(cveId)
        .query(
            (rs, n) -> {
              long caseId = rs.getLong(2);
              return new Stored(
                  rs.getString(1),
                  rs.wasNull() ? null : caseId,
                  AdvisoryDocument.read(rs.getString(3)),
                  rs.getInt(4),
                  rs.getObject(5, OffsetDateTime.class),
                  rs.getObject(6, OffsetDateTime.class));
            })
        .optional();
  }

  /**
   * What identifies the stored state: how many rows and the latest change. Two replicas compare it
   * to know whether their copy is current.
   */
  public record Version(int count, Instant lastChange) {}

  public Version version() {
    return jdbc.sql("SELECT COUNT(*), MAX(updated_at) FROM cna_advisory")
        .query(
            (rs, n) -> {
              OffsetDateTime last = rs.getObject(2, OffsetDateTime.class);
              return new Version(rs.getInt(1), last == null ? null : last.toInstant());
            })
        .single();
  }
}
