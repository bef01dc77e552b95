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
   * The URL as a valid RFC 3986 URI: characters that may not appear where they are (spaces, {@code
   * < > " { } | \\ ^ `}, non-ASCII, and brackets outside the host) are percent-encoded, so that
   * exports stay valid without changing where the link leads.
   */
  public String encodedUrl() {
    int scheme = url.indexOf("://");
    int pathStart = scheme < 0 ? 0 : url.indexOf('/', scheme + 3);
    if (pathStart < 0) {
      pathStart = url.length();
    }
    StringBuilder sb = new StringBuilder(url.length() + 8).append(url, 0, pathStart);
    byte[] rest = url.substring(pathStart).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (byte b : rest) {
      int c = b & 0xff;
      if (c > 0x20 && c < 0x7f && "<>\"{}|\\^`[]".indexOf(c) < 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return sb.toString();
  }

  /** Whether the URL is not a valid URI as written (exports percent-encode it). */
  public boolean needsEncoding() {
    return !encodedUrl().equals(url);
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
