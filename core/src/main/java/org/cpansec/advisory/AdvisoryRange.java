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
  private VersionRange range;
  private String problem;
  private boolean parsed;

  private AdvisoryRange(String text, VersionRange range, String problem, boolean parsed) {
    this.text = Objects.requireNonNull(text, "text");
    this.range = range;
    this.problem = problem;
    this.parsed = parsed;
  }

  /**
   * Reads a CPANSA range ({@code >=1.0,<1.5}; a bare {@code 1.2} or {@code =1.2} is exactly it).
   */
  public static AdvisoryRange cpansa(String text) {
    return new AdvisoryRange(text, null, null, false);
  }

  /** A range built from another syntax (CNA, OSV); its text is the canonical CPANSA form. */
  public static AdvisoryRange of(VersionRange range) {
    return new AdvisoryRange(range.toString(), range, null, true);
  }

  /** A range that could not be read, with the reason. */
  public static AdvisoryRange invalid(String text, String problem) {
    return new AdvisoryRange(text, null, Objects.requireNonNull(problem, "problem"), true);
  }

  private synchronized void parse() {
    if (!parsed) {
      try {
        range = VersionRange.parse(text);
      } catch (InvalidRangeException e) {
        problem = "column " + e.column() + ": " + e.reason();
      }
      parsed = true;
    }
  }

  public String text() {
    return text;
  }

  public Optional<VersionRange> range() {
    parse();
    return Optional.ofNullable(range);
  }

  /** Why the text is not a range; empty when it parsed. */
  public Optional<String> problem() {
    parse();
    return Optional.ofNullable(problem);
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
    parse();
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
