package org.cpansec.server.web;

import java.util.List;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.AdvisoryRange;
import org.cpansec.advisory.Release;

/** What the advisory page shows, computed once from an advisory and its distribution's releases. */
public record AdvisoryView(
    Advisory advisory,
    String severity,
    List<String> cves,
    List<String> otherAliases,
    List<RangeRow> affected,
    List<RangeRow> fixed,
    List<String> affectedReleases,
    int knownReleases) {

  /** A range as written, and why it could not be read when it could not. */
  public record RangeRow(String text, String problem) {}

  public static AdvisoryView of(Advisory a, AdvisoryDatabase db) {
    List<Release> releases = db.releases(a.distribution());
    List<String> affectedReleases =
        releases.stream()
            .filter(r -> r.version().isPresent() && a.affects(r.version().get()))
            .map(Release::text)
            .toList();
    return new AdvisoryView(
        a,
        a.severity().level().label(),
        a.cves(),
        a.aliases().stream().filter(x -> !x.startsWith("CVE-")).toList(),
        rows(a.affected()),
        rows(a.fixed()),
        affectedReleases,
        releases.size());
  }

  private static List<RangeRow> rows(List<AdvisoryRange> ranges) {
    return ranges.stream().map(r -> new RangeRow(r.text(), r.problem().orElse(null))).toList();
  }
}
