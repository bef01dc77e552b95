package org.cpansec.version;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A set of Perl versions described by constraints that must all hold (AND). Three syntaxes are
 * read, each by its own factory, because the same text means different things in each:
 *
 * <table>
 *   <caption>What a bare version means</caption>
 *   <tr><th>factory</th><th>syntax</th><th>bare {@code 1.2}</th></tr>
 *   <tr><td>{@link #parse}</td><td>CPANSA advisory ranges: {@code >=1.0,<1.5}</td>
 *       <td>exactly 1.2 (so is {@code =1.2})</td></tr>
 *   <tr><td>{@link #parseRequirement}</td><td>CPAN::Meta requirements (cpanfile, META)</td>
 *       <td>at least 1.2; {@code 0} is any version</td></tr>
 *   <tr><td>{@link #parseCna}</td><td>CNA record ranges: {@code A <= B}, {@code A < B},
 *       {@code <= B}, {@code < B}, {@code *} as an open upper end</td><td>exactly 1.2</td></tr>
 * </table>
 *
 * <p>The advisory database reads a bare version as exactly that release (its generator writes
 * single affected releases that way); CPAN::Audit reads it as a minimum, which produces false
 * alarms. A list of ranges (an advisory's {@code affected_versions}) is an OR: see {@link
 * #anyContains}.
 */
public final class VersionRange {

  /** Which syntax a range was read from. */
  public enum Syntax {
    CPANSA,
    REQUIREMENT,
    CNA
  }

  private static final VersionRange ANY =
      new VersionRange(
          List.of(new Constraint(Operator.GE, PerlVersion.ZERO)), "0", Syntax.REQUIREMENT);

  private final List<Constraint> constraints;
  private final String source;
  private final Syntax syntax;

  private VersionRange(List<Constraint> constraints, String source, Syntax syntax) {
    this.constraints = List.copyOf(constraints);
    this.source = source;
    this.syntax = syntax;
  }

  /** Every version (the requirement {@code 0}). */
  public static VersionRange any() {
    return ANY;
  }

  /** A range from constraints built in code. */
  public static VersionRange of(Syntax syntax, Constraint... constraints) {
    List<Constraint> list = List.of(constraints);
    if (list.isEmpty()) {
      throw new IllegalArgumentException("a range needs at least one constraint");
    }
    return new VersionRange(list, join(list), syntax);
  }

  /**
   * Reads a CPANSA advisory range: comma-separated constraints, all of which must hold; each is an
   * operator ({@code < <= == != > >=}, or {@code =} meaning {@code ==}) and a version, or a bare
   * version meaning exactly that version. White space around parts is allowed.
   */
  public static VersionRange parse(String text) {
    return parseList(text, Syntax.CPANSA, true, Operator.EQ);
  }

  /**
   * Reads a CPAN::Meta requirement (CPAN::Meta::Spec "Version Ranges"): comma-separated constraints
   * with {@code < <= == != > >=}; a bare version means at least that version, so {@code 0} matches
   * any version.
   */
  public static VersionRange parseRequirement(String text) {
    return parseList(text, Syntax.REQUIREMENT, false, Operator.GE);
  }

  /**
   * Reads a CNA record range: {@code A <= B} (A through B), {@code A < B} (from A, before B),
   * {@code <= B} (through B), {@code < B} (before B) or a bare version (exactly it). {@code *} as
   * the upper end ({@code A < *}, {@code A <= *}) leaves it open: from A on.
   */
  public static VersionRange parseCna(String text) {
    Objects.requireNonNull(text, "text");
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw new InvalidRangeException(text, 1, "empty range", null);
    }
    int opAt = indexOfOperator(trimmed);
    if (opAt < 0) {
      return new VersionRange(
          List.of(new Constraint(Operator.EQ, version(text, trimmed, 0))), text, Syntax.CNA);
    }
    boolean inclusive = trimmed.startsWith("<=", opAt);
    String low = trimmed.substring(0, opAt).strip();
    String high = trimmed.substring(opAt + (inclusive ? 2 : 1)).strip();
    int highColumn = text.indexOf(high, opAt);
    if (high.isEmpty()) {
      throw new InvalidRangeException(text, text.length() + 1, "upper end missing after '<'", null);
    }
    if (high.indexOf('<') >= 0 || high.indexOf('>') >= 0 || high.indexOf('=') >= 0) {
      throw new InvalidRangeException(
          text, highColumn + 1, "expected 'A <= B', 'A < B', '<= B', '< B' or a version", null);
    }
    List<Constraint> list = new ArrayList<>(2);
    if (!low.isEmpty()) {
      if (low.equals("*")) {
        throw new InvalidRangeException(text, 1, "'*' is only allowed as the upper end", null);
      }
      list.add(new Constraint(Operator.GE, version(text, low, text.indexOf(low))));
    }
    if (!high.equals("*")) {
      list.add(
          new Constraint(inclusive ? Operator.LE : Operator.LT, version(text, high, highColumn)));
    } else if (low.isEmpty()) {
      throw new InvalidRangeException(text, highColumn + 1, "'*' needs a lower end", null);
    }
    return new VersionRange(list, text, Syntax.CNA);
  }

  /** Whether any of the ranges (an OR, as in an advisory's list) contains the version. */
  public static boolean anyContains(Collection<VersionRange> ranges, PerlVersion version) {
    for (VersionRange range : ranges) {
      if (range.contains(version)) {
        return true;
      }
    }
    return false;
  }

  public boolean contains(PerlVersion version) {
    for (Constraint c : constraints) {
      if (!c.test(version)) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when no version at all can satisfy the constraints ({@code ==1.2,==1.3}, {@code >2,<1}).
   * Versions are dense (between two different versions there is always a third), so this is exactly
   * when the bounds cross, or meet at a version that is excluded.
   */
  public boolean isEmpty() {
    PerlVersion low = null;
    boolean lowInclusive = true;
    PerlVersion high = null;
    boolean highInclusive = true;
    for (Constraint c : constraints) {
      PerlVersion v = c.version();
      Operator op = c.op();
      if (op == Operator.GE || op == Operator.GT || op == Operator.EQ) {
        int cmp = low == null ? 1 : v.compareTo(low);
        if (cmp > 0 || (cmp == 0 && op == Operator.GT)) {
          low = v;
          lowInclusive = op != Operator.GT;
        }
      }
      if (op == Operator.LE || op == Operator.LT || op == Operator.EQ) {
        int cmp = high == null ? -1 : v.compareTo(high);
        if (cmp < 0 || (cmp == 0 && op == Operator.LT)) {
          high = v;
          highInclusive = op != Operator.LT;
        }
      }
    }
    if (low != null && high != null) {
      int cmp = low.compareTo(high);
      if (cmp > 0 || (cmp == 0 && !(lowInclusive && highInclusive))) {
        return true;
      }
      if (cmp == 0) {
        for (Constraint c : constraints) {
          if (c.op() == Operator.NE && c.version().equals(low)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  public List<Constraint> constraints() {
    return constraints;
  }

  /** The text the range was read from, unchanged. */
  public String source() {
    return source;
  }

  public Syntax syntax() {
    return syntax;
  }

  /** The constraints in CPANSA form, joined with commas: {@code >=1.0,<1.5}. */
  @Override
  public String toString() {
    return join(constraints);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionRange && constraints.equals(((VersionRange) o).constraints);
  }

  @Override
  public int hashCode() {
    return constraints.hashCode();
  }

  private static String join(List<Constraint> list) {
    StringBuilder sb = new StringBuilder();
    for (Constraint c : list) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static VersionRange parseList(
      String text, Syntax syntax, boolean singleEquals, Operator bare) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new InvalidRangeException(text, 1, "empty range", null);
    }
    List<Constraint> list = new ArrayList<>(2);
    int partStart = 0;
    while (partStart <= text.length()) {
      int comma = text.indexOf(',', partStart);
      int partEnd = comma < 0 ? text.length() : comma;
      list.add(constraint(text, partStart, partEnd, singleEquals, bare));
      partStart = partEnd + 1;
      if (comma < 0) {
        break;
      }
    }
    return new VersionRange(list, text, syntax);
  }

  private static Constraint constraint(
      String text, int from, int to, boolean singleEquals, Operator bare) {
    int i = from;
    while (i < to && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    if (i == to) {
      throw new InvalidRangeException(text, from + 1, "empty constraint between commas", null);
    }
    Operator op = null;
    int opLength = 0;
    char c = text.charAt(i);
    char next = i + 1 < to ? text.charAt(i + 1) : '\0';
    if (c == '<' || c == '>') {
      opLength = next == '=' ? 2 : 1;
      op =
          c == '<'
              ? (opLength == 2 ? Operator.LE : Operator.LT)
              : (opLength == 2 ? Operator.GE : Operator.GT);
    } else if (c == '=' && next == '=') {
      op = Operator.EQ;
      opLength = 2;
    } else if (c == '!' && next == '=') {
      op = Operator.NE;
      opLength = 2;
    } else if (c == '=') {
      if (!singleEquals) {
        throw new InvalidRangeException(text, i + 1, "'=' is not an operator here; use '=='", null);
      }
      op = Operator.EQ;
      opLength = 1;
    } else if (c == '!') {
      throw new InvalidRangeException(text, i + 1, "'!' must be followed by '='", null);
    }
    int versionStart = i + opLength;
    String versionText = text.substring(versionStart, to).strip();
    if (versionText.isEmpty()) {
      throw new InvalidRangeException(
          text, versionStart + 1, "a version is missing after '" + op.symbol() + "'", null);
    }
    int column = text.indexOf(versionText, versionStart);
    return new Constraint(op == null ? bare : op, version(text, versionText, column));
  }

  private static PerlVersion version(String range, String versionText, int index) {
    try {
      PerlVersion v = PerlVersion.parse(versionText);
      if (v.ignoredText().isPresent()) {
        throw new InvalidRangeException(
            range,
            index + 1 + v.toString().length(),
            "unexpected '" + v.ignoredText().get().strip() + "' after version " + v,
            null);
      }
      return v;
    } catch (InvalidVersionException e) {
      throw new InvalidRangeException(range, index + 1, e.perlMessage(), e);
    }
  }

  private static int indexOfOperator(String text) {
    return text.indexOf('<');
  }
}
