package org.cpansec.server.authz;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Every row of every table, as text, to show that a refused request changed nothing. Left out: the
 * tables that change with any request or on their own — the audit log (a refused read of a visible
 * case is still a read), sessions, account events, the scheduler's lock and the migrations.
 */
final class Snapshot {
  private static final Set<String> LEFT_OUT =
      Set.of(
          "audit_log",
          "audit_head",
          "spring_session",
          "spring_session_attributes",
          "account_event",
          "shedlock",
          "flyway_schema_history");

  /** The advisory catalog: large, and written only by imports and publication. */
  private static final Set<String> CATALOG =
      Set.of(
          "advisory_source",
          "advisory",
          "advisory_alias",
          "distribution",
          "dist_release",
          "module_dist");

  private final DataSource db;
  private final boolean withCatalog;
  private List<String> tables;

  /**
   * @param withCatalog whether to include the advisory catalog (slow: take it around a whole run,
   *     the workspace's tables around each route)
   */
  Snapshot(DataSource db, boolean withCatalog) {
    this.db = db;
    this.withCatalog = withCatalog;
  }

  /** Table name → its rows, sorted. */
  Map<String, List<String>> take() {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      Map<String, List<String>> all = new TreeMap<>();
      for (String t : tables(c)) {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + t)) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              Object v = rs.getObject(i);
              row.append(v instanceof byte[] b ? Arrays.hashCode(b) : String.valueOf(v))
                  .append('|');
            }
            rows.add(row.toString());
          }
        }
        Collections.sort(rows);
        all.put(t, rows);
      }
      return all;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The tables whose rows differ between two snapshots. */
  static List<String> changed(Map<String, List<String>> before, Map<String, List<String>> after) {
    List<String> changed = new ArrayList<>();
    for (String t : after.keySet()) {
      if (!after.get(t).equals(before.get(t))) {
        changed.add(t);
      }
    }
    return changed;
  }

  private List<String> tables(Connection c) throws SQLException {
    if (tables == null) {
      List<String> found = new ArrayList<>();
      DatabaseMetaData md = c.getMetaData();
      String schema =
          md.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2") ? "PUBLIC" : "public";
      try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
          if (!LEFT_OUT.contains(name) && (withCatalog || !CATALOG.contains(name))) {
            found.add(name);
          }
        }
      }
      if (found.size() < 40) {
        throw new IllegalStateException("too few tables found: " + found);
      }
      tables = found;
    }
    return tables;
  }
}
