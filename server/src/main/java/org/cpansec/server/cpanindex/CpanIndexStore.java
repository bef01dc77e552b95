package org.cpansec.server.cpanindex;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cpansec.cpan.index.CpanIndex;
import org.cpansec.cpan.index.DependencyGraph;
import org.cpansec.cpan.index.IndexProblem;
import org.cpansec.cpan.index.Release;
import org.cpansec.cpan.index.Requirement;
import org.cpansec.manifest.Phase;
import org.cpansec.manifest.Relationship;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The CPAN index tables (V13). An import writes its rows under a new import id, makes that id
 * current and deletes every other import's rows, all in one transaction that holds the lock on the
 * {@code cpan_index_current} row: readers see the old index until the commit, then the new one, and
 * two imports never interleave.
 */
@Repository
public class CpanIndexStore {
  private static final int BATCH = 1000;
  private static final int MAX_SOURCE = 300;
  private static final int MAX_MESSAGE = 2000;
  private static final List<String> DATA_TABLES =
      List.of("cpan_index_requirement", "cpan_index_release", "cpan_index_module");

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  public CpanIndexStore(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /** Who imports, from which files, when. */
  public record Origin(
      String actor, Long memberId, String packagesFile, String dumpFile, OffsetDateTime at) {}

  /**
   * Replaces the current index with {@code index}, atomically; keeps the first {@code maxProblems}
   * problems (rejections first) with the import's record. Returns the new import.
   */
  @Transactional
  public ImportSummary replace(CpanIndex index, Origin origin, int maxProblems) {
    jdbc.sql("SELECT import_id FROM cpan_index_current WHERE singleton = 1 FOR UPDATE")
        .query((rs, n) -> rs.getLong(1))
        .list();
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO cpan_index_import (imported_at, actor, member_id, packages_file,"
                + " dump_file, modules, providing_distributions, releases, requirements,"
                + " unresolved_modules, packages_rejected, dump_rejected, warnings)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            origin.at(),
            clip(origin.actor(), 100),
            origin.memberId(),
            clip(origin.packagesFile(), MAX_SOURCE),
            clip(origin.dumpFile(), MAX_SOURCE),
            index.modules().size(),
            index.providingDistributions(),
            index.releases().size(),
            index.requirements(),
            index.unresolvedModules(),
            index.packagesRejected(),
            index.dumpRejected(),
            index.warningCount())
        .update(keys, "id");
    long id = keys.getKeyAs(Number.class).longValue();

    template.batchUpdate(
        "INSERT INTO cpan_index_module (import_id, module, distribution) VALUES (?, ?, ?)",
        new ArrayList<>(index.modules().entrySet()),
        BATCH,
        (ps, e) -> {
          ps.setLong(1, id);
          ps.setString(2, e.getKey());
          ps.setString(3, e.getValue());
        });
    template.batchUpdate(
        "INSERT INTO cpan_index_release (import_id, distribution, version) VALUES (?, ?, ?)",
        index.releases(),
        BATCH,
        (ps, r) -> {
          ps.setLong(1, id);
          ps.setString(2, r.distribution());
          ps.setString(3, r.version().orElse(null));
        });
    List<Object[]> requirements = new ArrayList<>(index.requirements());
    for (Release r : index.releases()) {
      for (Requirement q : r.requirements()) {
        requirements.add(
            new Object[] {
              r.distribution(),
              q.phase().specName(),
              q.relationship().specName(),
              q.module(),
              q.version()
            });
      }
    }
    template.batchUpdate(
        "INSERT INTO cpan_index_requirement (import_id, distribution, phase, relationship,"
            + " module, version_requirement) VALUES (?, ?, ?, ?, ?, ?)",
        requirements,
        BATCH,
        (ps, row) -> {
          ps.setLong(1, id);
          for (int i = 0; i < row.length; i++) {
            ps.setString(i + 2, (String) row[i]);
          }
        });
    List<IndexProblem> kept = new ArrayList<>();
    for (IndexProblem p : index.rejected()) {
      if (kept.size() < maxProblems) {
        kept.add(p);
      }
    }
    for (IndexProblem p : index.warnings()) {
      if (kept.size() < maxProblems) {
        kept.add(p);
      }
    }
    List<Object[]> problemRows = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      IndexProblem p = kept.get(i);
      problemRows.add(
          new Object[] {
            id,
            i,
            p.rejected(),
            clip(p.source(), MAX_SOURCE),
            p.line(),
            clip(p.message(), MAX_MESSAGE)
          });
    }
    template.batchUpdate(
        "INSERT INTO cpan_index_problem (import_id, seq, rejected, source, line_no, message)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        problemRows,
        BATCH,
        (ps, row) -> {
          for (int i = 0; i < row.length; i++) {
            ps.setObject(i + 1, row[i]);
          }
        });

    jdbc.sql("UPDATE cpan_index_current SET import_id = ? WHERE singleton = 1").param(id).update();
    for (String table : DATA_TABLES) {
      jdbc.sql("DELETE FROM " + table + " WHERE import_id <> ?").param(id).update();
    }
    return find(id).orElseThrow();
  }

  /** The import readers use, if any. */
  public Optional<Long> currentImportId() {
    return jdbc.sql("SELECT import_id FROM cpan_index_current WHERE singleton = 1")
        .query((rs, n) -> rs.getObject(1) == null ? null : rs.getLong(1))
        .optional();
  }

  /** The current import with its kept problems. */
  public Optional<ImportSummary> current() {
    return currentImportId().flatMap(this::find);
  }

  /** An import's record with its kept problems. */
  public Optional<ImportSummary> find(long id) {
    List<IndexProblem> problems =
        jdbc.sql(
                "SELECT source, line_no, message, rejected FROM cpan_index_problem"
                    + " WHERE import_id = ? ORDER BY seq")
            .param(id)
            .query(
                (rs, n) ->
                    new IndexProblem(
                        rs.getString(1), rs.getInt(2), rs.getString(3), rs.getBoolean(4)))
            .list();
    return jdbc.sql(SELECT_IMPORT + " WHERE id = ?")
        .param(id)
        .query((rs, n) -> summary(rs, problems))
        .optional();
  }

  /** The latest imports, newest first, without their problems. */
  public List<ImportSummary> history(int limit) {
    return jdbc.sql(SELECT_IMPORT + " ORDER BY id DESC LIMIT ?")
        .param(limit)
        .query((rs, n) -> summary(rs, List.of()))
        .list();
  }

  private static final String SELECT_IMPORT =
      "SELECT id, imported_at, actor, packages_file, dump_file, modules, providing_distributions,"
          + " releases, requirements, unresolved_modules, packages_rejected, dump_rejected,"
          + " warnings FROM cpan_index_import";

  private static ImportSummary summary(java.sql.ResultSet rs, List<IndexProblem> problems)
      throws java.sql.SQLException {
    return new ImportSummary(
        rs.getLong(1),
        rs.getObject(2, OffsetDateTime.class),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getInt(6),
        rs.getInt(7),
        rs.getInt(8),
        rs.getInt(9),
        rs.getInt(10),
        rs.getInt(11),
        rs.getInt(12),
        rs.getInt(13),
        problems);
  }

  /** Rows in each data table, whatever their import: after an import, only its own remain. */
  public Map<String, Integer> rowCounts() {
    Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    for (String table : DATA_TABLES) {
      counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single());
    }
    return counts;
  }

  /** The distribution that ships a module, in an import. */
  public Optional<String> distributionOf(long importId, String module) {
    return jdbc.sql("SELECT distribution FROM cpan_index_module WHERE import_id = ? AND module = ?")
        .params(importId, module)
        .query(String.class)
        .optional();
  }

  /**
   * The reverse-dependency graph of an import: every distribution it knows, and the {@code
   * requires} of the dump joined with 02packages (the graph keeps the install dependencies).
   */
  public DependencyGraph graph(long importId) {
    DependencyGraph.Builder b = DependencyGraph.builder();
    template.query(
        "SELECT DISTINCT distribution FROM cpan_index_module WHERE import_id = ?",
        (RowCallbackHandler) rs -> b.distribution(rs.getString(1)),
        importId);
    template.query(
        "SELECT distribution FROM cpan_index_release WHERE import_id = ?",
        (RowCallbackHandler) rs -> b.distribution(rs.getString(1)),
        importId);
    Map<String, String> names = new java.util.HashMap<>();
    template.query(
        "SELECT r.distribution, m.distribution, r.module, r.phase, r.relationship"
            + " FROM cpan_index_requirement r JOIN cpan_index_module m"
            + " ON m.import_id = r.import_id AND m.module = r.module"
            + " WHERE r.import_id = ? AND r.relationship = 'requires'",
        (RowCallbackHandler)
            rs -> {
              Optional<Phase> phase = Phase.fromSpecName(rs.getString(4));
              Optional<Relationship> rel = Relationship.fromSpecName(rs.getString(5));
              if (phase.isPresent() && rel.isPresent()) {
                String module = rs.getString(3);
                b.require(
                    intern(names, rs.getString(1)),
                    intern(names, rs.getString(2)),
                    new Requirement(intern(names, module), phase.get(), rel.get(), "0"));
              }
            },
        importId);
    return b.build();
  }

  private static String intern(Map<String, String> pool, String s) {
    String known = pool.putIfAbsent(s, s);
    return known == null ? s : known;
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
