package org.cpansec.version;

import java.util.Optional;

/**
 * A Perl version, with the meaning Perl's {@code version.pm} (0.9929) gives it.
 *
 * <p>{@link #parse(String)} is {@code version->parse($string)}: lax parsing of decimal versions
 * ({@code 1.02}, {@code .5}, {@code 1.}), dotted-decimal versions ({@code 1.2.3}, {@code v1.2}) and
 * alpha versions with one underscore ({@code 1.02_03}, {@code v1.2_3}). Comparison, equality and
 * hashing agree with {@code version->parse($a) <=> version->parse($b)}: components are compared
 * numerically, missing trailing components count as zero and the alpha underscore does not take
 * part in comparison.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class PerlVersion implements Comparable<PerlVersion> {

  /** version.pm's VERSION_MAX: a component larger than this makes the version "v.Inf". */
  static final int VERSION_MAX = 0x7FFFFFFF;

  /** {@code version->parse("0")}. */
  public static final PerlVersion ZERO = parse("0");

  private final int[] parts;
  private final boolean qv;
  private final boolean alpha;
  private final boolean infinite;
  private final String original;
  private final String ignored;
  private final int hash;

  PerlVersion(
      int[] parts, boolean qv, boolean alpha, boolean infinite, String original, String ignored) {
    this.parts = parts;
    this.qv = qv;
    this.alpha = alpha;
    this.infinite = infinite;
    this.original = original;
    this.ignored = ignored;
    this.hash = hashOf(parts);
  }

  /**
   * Parses like {@code version->parse($text)}. A {@code null} text is Perl's {@code undef}, which
   * version.pm (like the literal string {@code "undef"}) reads as version 0.
   *
   * @throws InvalidVersionException with version.pm's reason when version.pm would croak
   */
  public static PerlVersion parse(String text) {
    return VersionScanner.scan(text == null ? "undef" : text);
  }

  /** {@link #parse(String)} without the exception, for callers that report unknowns themselves. */
  public static Optional<PerlVersion> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (InvalidVersionException e) {
      return Optional.empty();
    }
  }

  /** version.pm's normal form: {@code v} and at least three dot-separated integers. */
  public String normal() {
    StringBuilder sb = new StringBuilder(parts.length * 4 + 4).append('v').append(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      sb.append('.').append(parts[i]);
    }
    for (int i = parts.length; i < 3; i++) {
      sb.append(".0");
    }
    return sb.toString();
  }

  /**
   * version.pm's {@code numify}: the decimal form ({@code v1.2.3} is {@code 1.002003}). For alpha
   * versions version.pm warns that this is lossy (the underscore is gone); the value is the same.
   */
  public String numify() {
    StringBuilder sb = new StringBuilder(parts.length * 3 + 4).append(parts[0]).append('.');
    for (int i = 1; i < parts.length; i++) {
      String digits = Integer.toString(parts[i]);
      for (int pad = digits.length(); pad < 3; pad++) {
        sb.append('0');
      }
      sb.append(digits);
    }
    if (parts.length == 1) {
      sb.append("000");
    }
    return sb.toString();
  }

  /** True when the version carried an underscore (a developer release). */
  public boolean isAlpha() {
    return alpha;
  }

  /** True for dotted-decimal versions ({@code v1.2}, {@code 1.2.3}), false for decimal ones. */
  public boolean isDotted() {
    return qv;
  }

  /** True when a component overflowed version.pm's limit and the version became "v.Inf". */
  public boolean isInfinite() {
    return infinite;
  }

  /**
   * Text after the version that version.pm ignored with the warning "Version string contains
   * invalid data; ignoring" (for example {@code ";x"} in {@code "1;x"}), or empty.
   */
  public Optional<String> ignoredText() {
    return Optional.ofNullable(ignored);
  }

  /** The components as version.pm stores them ({@code 1.02} is {@code [1, 20]}). */
  public int[] components() {
    return parts.clone();
  }

  /** The original spelling, as version.pm stringifies it (leading white space removed). */
  @Override
  public String toString() {
    return original;
  }

  @Override
  public int compareTo(PerlVersion other) {
    int[] l = parts;
    int[] r = other.parts;
    int m = Math.min(l.length, r.length);
    for (int i = 0; i < m; i++) {
      if (l[i] != r[i]) {
        return l[i] < r[i] ? -1 : 1;
      }
    }
    for (int i = m; i < r.length; i++) {
      if (r[i] != 0) {
        return -1;
      }
    }
    for (int i = m; i < l.length; i++) {
      if (l[i] != 0) {
        return 1;
      }
    }
    return 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PerlVersion
        && hash == ((PerlVersion) o).hash
        && compareTo((PerlVersion) o) == 0;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  private static int hashOf(int[] parts) {
    int end = parts.length;
    while (end > 1 && parts[end - 1] == 0) {
      end--;
    }
    int h = 1;
    for (int i = 0; i < end; i++) {
      h = 31 * h + parts[i];
    }
    return h;
  }
}
