package org.cpansec.server.web;

import java.util.ArrayList;
import java.util.List;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.Release;

/**
 * A distribution's page: its advisories and every known release, newest first, marked with the
 * advisories that affect it and those it fixes. A release whose version Perl cannot parse is shown
 * as unknown, never as safe.
 */
public record DistributionView(
    String name, String mainModule, List<Advisory> advisories, List<ReleaseRow> timeline) {

  /** One release on the timeline. */
  public record ReleaseRow(
      String version, String date, String status, List<String> affectedBy, List<String> fixes) {}

  public static DistributionView of(String name, AdvisoryDatabase db) {
    List<Advisory> advisories = db.advisoriesFor(name);
    List<ReleaseRow> rows = new ArrayList<>();
    for (Release r : db.releases(name)) {
      rows.add(row(r, advisories));
    }
    java.util.Collections.reverse(rows);
    return new DistributionView(name, db.mainModule(name).orElse(null), advisories, rows);
  }

  private static ReleaseRow row(Release r, List<Advisory> advisories) {
    String date = r.date().map(d -> d.length() > 10 ? d.substring(0, 10) : d).orElse("");
    if (r.version().isEmpty()) {
      return new ReleaseRow(r.toString(), date, "unknown", List.of(), List.of());
    }
    List<String> affectedBy = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    for (Advisory a : advisories) {
      if (a.affects(r.version().get())) {
        affectedBy.add(a.id());
      } else if (a.fixed().stream().anyMatch(f -> f.contains(r.version().get()))) {
        fixes.add(a.id());
      }
    }
    String status = !affectedBy.isEmpty() ? "affected" : fixes.isEmpty() ? "clear" : "fixed";
    return new ReleaseRow(r.text(), date, status, List.copyOf(affectedBy), List.copyOf(fixes));
  }
}
