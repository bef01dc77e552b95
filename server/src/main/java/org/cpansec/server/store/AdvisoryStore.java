package org.cpansec.server.store;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.DatabaseSource;
import org.cpansec.advisory.Release;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The advisory tables: writes a whole database in one transaction, reads it back. */
@Repository
public class AdvisoryStore {
  private static final int BATCH = 500;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  public AdvisoryStore(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /** Whether any advisory source was ever imported. */
  public boolean isEmpty() {
    return jdbc.sql("SELECT COUNT(*) FROM advisory_source").query(Integer.class).single() == 0;
  }

  /** The sources imported so far, newest first. */
  public List<ImportedSource> sources() {
    return jdbc.sql(
            "SELECT kind, source_file, upstream_commit, upstream_date, advisory_count,"
                + " imported_at, upstream_generated FROM advisory_source ORDER BY id DESC")
        .query(
            (rs, n) ->
                new ImportedSource(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getInt(5),
                    rs.getObject(6, OffsetDateTime.class),
                    rs.getObject(7, OffsetDateTime.class)))
        .list();
  }

  /** Replaces all advisory data with the database's, in one transaction. */
  @Transactional
  public void replaceAll(AdvisoryDatabase db) {
    for (String table : List.of("advisory_alias", "advisory", "dist_release", "distribution")) {
      jdbc.sql("DELETE FROM " + table).update();
    }
    jdbc.sql("DELETE FROM module_dist").update();
    for (Advisory a : db.all()) {
      insert(a);
    }
    insertDistributions(db);
    template.batchUpdate(
        "INSERT INTO module_dist (module, distribution) VALUES (?, ?)",
        new ArrayList<>(db.module2dist().entrySet()),
        BATCH,
        (ps, e) -> {
          ps.setString(1, e.getKey());
          ps.setString(2, e.getValue());
        });
    DatabaseSource s = db.source();
    jdbc.sql(
            "INSERT INTO advisory_source (kind, source_file, repository, upstream_commit,"
                + " upstream_date, advisory_count, imported_at, upstream_generated)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            s.kind(),
            s.file(),
            s.repository(),
            s.commit(),
            s.date(),
            db.all().size(),
            OffsetDateTime.now(ZoneOffset.UTC),
            s.generatedAt().map(g -> g.atOffset(ZoneOffset.UTC)).orElse(null))
        .update();
  }

  private void insert(Advisory a) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO advisory (id, distribution, severity, title, disclosed, pub_year,"
                + " search_text, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            a.id(),
            a.distribution(),
            a.severity().level().label(),
            headline(a),
            a.published() != null ? a.published() : a.reported(),
            year(a).orElse(null),
            searchText(a),
            AdvisoryDocument.write(a))
        .update(key, "pk");
    long pk = key.getKeyAs(Number.class).longValue();
    for (String alias : a.aliases().stream().distinct().toList()) {
      jdbc.sql("INSERT INTO advisory_alias (advisory_pk, alias) VALUES (?, ?)")
          .params(pk, alias.toUpperCase(Locale.ROOT))
          .update();
    }
  }

  private void insertDistributions(AdvisoryDatabase db) {
    List<Object[]> releases = new ArrayList<>();
    List<Object[]> dists = new ArrayList<>();
    for (String d : db.distributions()) {
      dists.add(new Object[] {d, db.mainModule(d).orElse(null)});
      int seq = 0;
      for (Release r : db.releases(d)) {
        releases.add(
            new Object[] {
              d,
              seq++,
              r.text().isEmpty() ? null : r.text(),
              r.date().orElse(null),
              r.perlRelease().orElse(null)
            });
      }
    }
    template.batchUpdate(
        "INSERT INTO distribution (name, main_module) VALUES (?, ?)",
        dists,
        new int[] {Types.VARCHAR, Types.VARCHAR});
    template.batchUpdate(
        "INSERT INTO dist_release (distribution, seq, version, released, perl_release)"
            + " VALUES (?, ?, ?, ?, ?)",
        releases,
        BATCH,
        AdvisoryStore::setRow);
  }

  private static void setRow(PreparedStatement ps, Object[] row) throws java.sql.SQLException {
    for (int i = 0; i < row.length; i++) {
      ps.setObject(i + 1, row[i]);
    }
  }

  /** Every stored advisory, by distribution then id. */
  public List<Advisory> advisories() {
    return jdbc.sql("SELECT document FROM advisory ORDER BY distribution, id")
        .query((rs, n) -> AdvisoryDocument.read(rs.getString(1)))
        .list();
  }

  /** Each distribution's releases as raw rows {version, date, perl release}, in stored order. */
  public Map<String, List<String[]>> releases() {
    Map<String, List<String[]>> out = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT distribution, version, released, perl_release FROM dist_release"
                + " ORDER BY distribution, seq")
        .query(
            rs -> {
              out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                  .add(new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
            });
    return out;
  }

  public Map<String, String> mainModules() {
    Map<String, String> out = new LinkedHashMap<>();
    jdbc.sql("SELECT name, main_module FROM distribution WHERE main_module IS NOT NULL")
        .query((RowCallbackHandler) rs -> out.put(rs.getString(1), rs.getString(2)));
    return out;
  }

  public Map<String, String> module2dist() {
    Map<String, String> out = new LinkedHashMap<>();
    jdbc.sql("SELECT module, distribution FROM module_dist")
        .query((RowCallbackHandler) rs -> out.put(rs.getString(1), rs.getString(2)));
    return out;
  }

  /**
   * The rows the site lists: the imported advisories, and those the CNA published itself ({@code
   * cna_advisory}, V18) unless an imported advisory of the same distribution already carries their
   * CVE (the catalog merges the two into that one).
   */
  private static final String LISTED =
      "(SELECT a.pk AS pk, a.id AS id, a.distribution AS distribution, a.severity AS severity,"
          + " a.title AS title, a.disclosed AS disclosed, a.pub_year AS pub_year,"
          + " a.search_text AS search_text, 0 AS cna FROM advisory a"
          + " UNION ALL"
          + " SELECT p.pk, p.cve_id, p.distribution, p.severity, p.title, p.disclosed, p.pub_year,"
          + " p.search_text, 1 FROM cna_advisory p WHERE NOT EXISTS (SELECT 1 FROM advisory o"
          + " WHERE LOWER(o.distribution) = LOWER(p.distribution) AND (o.id = p.cve_id"
          + " OR EXISTS (SELECT 1 FROM advisory_alias y WHERE y.advisory_pk = o.pk"
          + " AND y.alias = p.cve_id)))) u";

  /** Searches advisories; every filter is optional. Newest first, then by id. */
  public List<AdvisorySummary> search(AdvisorySearch q) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT u.id, u.distribution, u.severity, u.title, u.disclosed FROM "
                + LISTED
                + " WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    q.text()
        .ifPresent(
            t -> {
              sql.append(" AND u.search_text LIKE ?");
              params.add("%" + likeEscape(t.toLowerCase(Locale.ROOT)) + "%");
            });
    q.distribution()
        .ifPresent(
            d -> {
              sql.append(" AND LOWER(u.distribution) = ?");
              params.add(d.toLowerCase(Locale.ROOT));
            });
    q.severity()
        .ifPresent(
            s -> {
              sql.append(" AND u.severity = ?");
              params.add(s.label());
            });
    q.year()
        .ifPresent(
            y -> {
              sql.append(" AND u.pub_year = ?");
              params.add(y);
            });
    q.cve()
        .ifPresent(
            c -> {
              sql.append(
                  " AND ((u.cna = 0 AND EXISTS (SELECT 1 FROM advisory_alias x"
                      + " WHERE x.advisory_pk = u.pk AND x.alias LIKE ?))"
                      + " OR (u.cna = 1 AND u.id LIKE ?))");
              String prefix = likeEscape(c.toUpperCase(Locale.ROOT)) + "%";
              params.add(prefix);
              params.add(prefix);
            });
    sql.append(" ORDER BY u.disclosed DESC NULLS LAST, u.id DESC");
    sql.append(" LIMIT ").append(q.limit()).append(" OFFSET ").append(q.offset());
    return jdbc.sql(sql.toString())
        .params(params)
        .query(
            (rs, n) ->
                new AdvisorySummary(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5)))
        .list();
  }

  /** The years that have advisories (imported or the CNA's), newest first. */
  public List<Integer> years() {
    return jdbc.sql(
            "SELECT DISTINCT u.pub_year FROM "
                + LISTED
                + " WHERE u.pub_year IS NOT NULL ORDER BY u.pub_year DESC")
        .query(Integer.class)
        .list();
  }

  /** The title, else the description's first line cut at 160 characters (CPANSA has no titles). */
  static String headline(Advisory a) {
    if (a.title() != null && !a.title().isBlank()) {
      return a.title();
    }
    if (a.description() == null) {
      return null;
    }
    String line = a.description().strip().lines().findFirst().orElse("");
    return line.length() <= 160 ? line : line.substring(0, 159) + "…";
  }

  private static String likeEscape(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  static String searchText(Advisory a) {
    StringBuilder b = new StringBuilder(a.id()).append('\n').append(a.distribution());
    a.aliases().forEach(x -> b.append('\n').append(x));
    if (a.title() != null) {
      b.append('\n').append(a.title());
    }
    if (a.description() != null) {
      b.append('\n').append(a.description());
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  static Optional<Integer> year(Advisory a) {
    for (String date : new String[] {a.published(), a.reported()}) {
      if (date != null
          && date.length() >= 4
          && date.substring(0, 4).chars().allMatch(Character::isDigit)) {
        return Optional.of(Integer.parseInt(date.substring(0, 4)));
      }
    }
    return Optional.empty();
  }
}
