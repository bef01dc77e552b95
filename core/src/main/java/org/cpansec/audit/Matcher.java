package org.cpansec.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.AdvisoryRange;
import org.cpansec.advisory.Release;
import org.cpansec.version.PerlVersion;

/**
 * The matching rules, in one place: which advisories apply to a distribution (exclusions removed),
 * whether one affects a version (in an affected range and in no fixed range), and the lowest safe
 * release.
 */
final class Matcher {

  private final AdvisoryDatabase db;
  private final Exclusions exclusions;

  Matcher(AdvisoryDatabase db, Exclusions exclusions) {
    this.db = db;
    this.exclusions = exclusions;
  }

  /** The advisories of a distribution that are not ignored. */
  List<Advisory> applicable(String distribution) {
    List<Advisory> out = new ArrayList<>();
    for (Advisory a : db.advisoriesFor(distribution)) {
      if (!exclusions.ignores(a)) {
        out.add(a);
      }
    }
    return out;
  }

  static boolean affects(Advisory advisory, PerlVersion version) {
    if (!advisory.affects(version)) {
      return false;
    }
    for (AdvisoryRange fixed : advisory.fixed()) {
      if (fixed.contains(version)) {
        return false;
      }
    }
    return true;
  }

  static boolean affectedByAny(List<Advisory> advisories, PerlVersion version) {
    for (Advisory a : advisories) {
      if (affects(a, version)) {
        return true;
      }
    }
    return false;
  }

  /** Advisories with a range that cannot be read: they can neither clear nor convict a version. */
  static List<Advisory> undecidable(List<Advisory> advisories, PerlVersion version) {
    List<Advisory> out = new ArrayList<>();
    for (Advisory a : advisories) {
      if (a.hasUnparseableRange() && !affects(a, version)) {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * The lowest stable known release at or above {@code from} (strictly above when {@code strictly})
   * that none of the advisories affects. Developer releases (with an underscore) are never
   * recommended.
   */
  Optional<Release> lowestSafe(
      String distribution, PerlVersion from, boolean strictly, List<Advisory> advisories) {
    for (Release r : db.releases(distribution)) {
      Optional<PerlVersion> v = r.version();
      if (v.isEmpty() || !isStable(distribution, v.get(), r)) {
        continue;
      }
      int cmp = v.get().compareTo(from);
      if ((strictly ? cmp > 0 : cmp >= 0) && !affectedByAny(advisories, v.get())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * Developer releases are never recommended: CPAN marks them with an underscore or -TRIAL, and
   * perl's own development series have an odd minor version (5.43.x).
   */
  private static boolean isStable(String distribution, PerlVersion v, Release r) {
    if (v.isAlpha() || r.text().contains("TRIAL")) {
      return false;
    }
    int[] parts = v.components();
    return !(distribution.equals(Auditor.PERL) && parts.length > 1 && parts[1] % 2 == 1);
  }

  List<Release> releases(String distribution) {
    return db.releases(distribution);
  }

  boolean knowsReleasesOf(String distribution) {
    return db.knowsReleasesOf(distribution);
  }
}
