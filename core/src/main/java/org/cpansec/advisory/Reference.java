package org.cpansec.advisory;

import java.util.Locale;
import java.util.Objects;

/** A link with what kind of page it is, in OSV's reference vocabulary. */
public record Reference(String url, Kind kind) {
  /** OSV reference types. */
  public enum Kind {
    ADVISORY,
    ARTICLE,
    DETECTION,
    DISCUSSION,
    REPORT,
    FIX,
    INTRODUCED,
    PACKAGE,
    EVIDENCE,
    WEB
  }

  public Reference {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * Guesses the kind of a bare URL (the CPANSA sources carry no kind): CVE/NVD/GHSA pages are
   * advisories, commits, pull requests and patches are fixes, issue trackers are reports, MetaCPAN
   * release pages are the package; everything else is a plain web page.
   */
  public static Reference guess(String url) {
    String u = url.toLowerCase(Locale.ROOT);
    Kind kind;
    if (u.contains("cve.org/") || u.contains("nvd.nist.gov/") || u.contains("/advisories/ghsa-")) {
      kind = Kind.ADVISORY;
    } else if (u.contains("/commit/") || u.contains("/pull/") || u.endsWith(".patch")) {
      kind = Kind.FIX;
    } else if (u.contains("/issues/") || u.contains("rt.cpan.org")) {
      kind = Kind.REPORT;
    } else if (u.contains("metacpan.org/release/") || u.contains("metacpan.org/dist/")) {
      kind = Kind.PACKAGE;
    } else {
      kind = Kind.WEB;
    }
    return new Reference(url, kind);
  }
}
