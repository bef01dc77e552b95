package org.cpansec.cve.record;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.version.InvalidRangeException;
import org.cpansec.version.VersionRange;

/**
 * One {@code affected} entry of a record, in CNA syntax, with its versions spelled as written:
 * {@code 0.19 <= 0.201} is from "0.19", through "0.201". The phrase and the CVE JSON both keep
 * these spellings; the parsed {@link #range()} is for comparisons.
 */
public final class AffectedRange {
  private static final Pattern BOUNDED = Pattern.compile("([^\\s<]+)\\s*(<=|<)\\s*(\\S+)");
  private static final Pattern UPPER = Pattern.compile("(<=|<)\\s*(\\S+)");

  private final String expression;
  private final String from;
  private final String to;
  private final boolean inclusive;
  private final VersionRange range;

  private AffectedRange(String expression, String from, String to, boolean inclusive) {
    this.expression = expression;
    this.from = from;
    this.to = to;
    this.inclusive = inclusive;
    this.range = VersionRange.parseCna(expression);
  }

  /**
   * Reads an entry: {@code A <= B}, {@code A < B}, {@code <= B}, {@code < B} or a bare version.
   *
   * @throws InvalidRangeException when it is none of these or a version is not a Perl version
   */
  public static AffectedRange parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    Matcher m = BOUNDED.matcher(s);
    if (m.matches()) {
      return new AffectedRange(s, m.group(1), m.group(3), m.group(2).equals("<="));
    }
    m = UPPER.matcher(s);
    if (m.matches()) {
      return new AffectedRange(s, null, m.group(2), m.group(1).equals("<="));
    }
    return new AffectedRange(s, null, null, false);
  }

  /** The entry as written, stripped of surrounding blanks. */
  public String expression() {
    return expression;
  }

  /** The lower end as spelled; empty for {@code <= B} and {@code < B}. */
  public Optional<String> from() {
    return Optional.ofNullable(from);
  }

  /** The upper end as spelled ({@code *} for an open end); empty for a bare version. */
  public Optional<String> to() {
    return Optional.ofNullable(to);
  }

  /** Whether the upper end is included ({@code <=}). */
  public boolean inclusive() {
    return inclusive;
  }

  /** Whether this is one exact version. */
  public boolean exact() {
    return to == null;
  }

  public VersionRange range() {
    return range;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AffectedRange a && a.expression.equals(expression);
  }

  @Override
  public int hashCode() {
    return expression.hashCode();
  }

  @Override
  public String toString() {
    return expression;
  }
}
