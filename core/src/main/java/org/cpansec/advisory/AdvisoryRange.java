package org.cpansec.advisory;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cpansec.version.InvalidRangeException;
import org.cpansec.version.PerlVersion;
import org.cpansec.version.VersionRange;

/**
 * One entry of an advisory's affected or fixed list, kept as the source wrote it. It either parsed
 * into a {@link VersionRange} or carries the reason it did not, so that an unparseable range is
 * reported (and treated as unknown), never dropped.
 */
public final class AdvisoryRange {
  private static final Pattern BARE = Pattern.compile("\\s*(=(?!=))?\\s*[v0-9][^<>=!,]*");

  private final String text;
  // Parsed on first use: a database holds thousands of ranges and most commands read a few.
  // The outcome is immutable and the same whichever thread computes it, so a race only parses
  // twice; reads take no lock (the server's query threads share these objects).
  private volatile Parsed parsed;

  /** The outcome of reading the text: a range, or the reason there is none. */
  private record Parsed(VersionRange range, String problem) {}

  private AdvisoryRange(String text, Parsed parsed) {
    this.text = Objects.requireNonNull(text, "text");
    this.parsed = parsed;
  }

  /**
   * Reads a CPANSA range ({@code >=1.0,<1.5}; a bare {@code 1.2} or {@code =1.2} is exactly it).
   */
  public static AdvisoryRange cpansa(String text) {
    return new AdvisoryRange(text, null);
  }

  /** A range built from another syntax (CNA, OSV); its text is the canonical CPANSA form. */
  public static AdvisoryRange of(VersionRange range) {
    return new AdvisoryRange(range.toString(), new Parsed(range, null));
  }

  /** A range that could not be read, with the reason. */
  public static AdvisoryRange invalid(String text, String problem) {
    return new AdvisoryRange(text, new Parsed(null, Objects.requireNonNull(problem, "problem")));
  }

  private Parsed parse() {
    Parsed p = parsed;
    if (p == null) {
      try {
        p = new Parsed(VersionRange.parse(text), null);
      } catch (InvalidRangeException e) {
        p = new Parsed(null, "column " + e.column() + ": " + e.reason());
      }
      parsed = p;
    }
    return p;
  }

  public String text() {
    return text;
  }

  public Optional<VersionRange> range() {
    return Optional.ofNullable(parse().range());
  }

  /** Why the text is not a range; empty when it parsed. */
  public Optional<String> problem() {
    return Optional.ofNullable(parse().problem());
  }

  /**
   * Whether the text is a single version with no operator or with {@code =}: legal CPANSA, meaning
   * exactly that version, but often written where "up to" was meant.
   */
  public boolean isBareOrSingleEquals() {
    return BARE.matcher(text).matches();
  }

  /** Whether the range contains the version; false when the range is unparseable. */
  public boolean contains(PerlVersion version) {
    VersionRange range = parse().range();
    return range != null && range.contains(version);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdvisoryRange && ((AdvisoryRange) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
