package org.cpansec.cve.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.Release;
import org.cpansec.cve.record.AffectedRange;
import org.cpansec.cve.record.CnaRecord;
import org.cpansec.cve.record.LoadedRecord;
import org.cpansec.version.PerlVersion;

/**
 * The checks that need the distribution's release list from the advisory database: an affected
 * range that matches no release (a typo, or the wrong distribution), and a latest release outside
 * every range while the record names no fix (an unfixed issue must cover it). Without a release
 * list nothing can be said, and that is reported rather than passed over.
 */
final class ReleaseRules implements LintRule {
  private final AdvisoryDatabase db;

  ReleaseRules(AdvisoryDatabase db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public List<LintFinding> check(LoadedRecord l) {
    CnaRecord r = l.record();
    String dist = r.distribution().value();
    if (!db.knowsReleasesOf(dist)) {
      return List.of(
          finding(
              l,
              Severity.NOTICE,
              "release_list_unknown",
              "distribution",
              "No release list is known for "
                  + dist
                  + " in the advisory database; the release checks were not run."));
    }
    List<PerlVersion> versions = new ArrayList<>();
    int unparsed = 0;
    for (Release release : db.releases(dist)) {
      Optional<PerlVersion> v = release.version();
      if (v.isPresent()) {
        versions.add(v.get());
      } else {
        unparsed++;
      }
    }
    List<LintFinding> out = new ArrayList<>();
    String note = unparsed == 0 ? "" : " (" + unparsed + " release(s) with unreadable versions)";
    for (int i = 0; i < r.affected().size(); i++) {
      AffectedRange a = r.affected().get(i);
      if (versions.stream().noneMatch(v -> a.range().contains(v))) {
        out.add(
            finding(
                l,
                Severity.WARNING,
                "affected_matches_no_release",
                "affected/" + i,
                "'" + a.expression() + "' matches no known release of " + dist + note + "."));
      }
    }
    latestUnaffected(l, versions).ifPresent(out::add);
    return out;
  }

  private Optional<LintFinding> latestUnaffected(LoadedRecord l, List<PerlVersion> versions) {
    CnaRecord r = l.record();
    // Developer releases are not what users install; the latest stable release is the one to
    // judge by.
    Optional<PerlVersion> latest =
        versions.stream().filter(v -> !v.isAlpha()).max(PerlVersion::compareTo);
    if (latest.isEmpty() || !r.solutions().isEmpty()) {
      return Optional.empty();
    }
    PerlVersion v = latest.get();
    if (r.affected().stream().anyMatch(a -> a.range().contains(v))) {
      return Optional.empty();
    }
    return Optional.of(
        finding(
            l,
            Severity.WARNING,
            "latest_release_not_affected_without_fix",
            "affected",
            "The latest release of "
                + r.distribution()
                + " ("
                + v
                + ") is outside every affected range, but the record has no solution: if "
                + v
                + " fixes it, say so in 'solution'; if not, extend 'affected' (e.g. '... < *')."));
  }

  private static LintFinding finding(
      LoadedRecord l, Severity severity, String rule, String field, String message) {
    return new LintFinding(severity, rule, message, l.file(), l.positionOf(field));
  }
}
