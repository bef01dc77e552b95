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
  private final VersionRange range;
  private final String problem;

  private AdvisoryRange(String text, VersionRange range, String problem) {
    this.text = Objects.requireNonNull(text, "text");
    this.range = range;
    this.problem = problem;
  }

  /**
   * Reads a CPANSA range ({@code >=1.0,<1.5}; a bare {@code 1.2} or {@code =1.2} is exactly it).
   */
  public static AdvisoryRange cpansa(String text) {
    try {
      return new AdvisoryRange(text, VersionRange.parse(text), null);
    } catch (InvalidRangeException e) {
      return new AdvisoryRange(text, null, "column " + e.column() + ": " + e.reason());
    }
  }

  /** A range built from another syntax (CNA, OSV); its text is the canonical CPANSA form. */
  public static AdvisoryRange of(VersionRange range) {
    return new AdvisoryRange(range.toString(), range, null);
  }

  /** A range that could not be read, with the reason. */
  public static AdvisoryRange invalid(String text, String problem) {
    return new AdvisoryRange(text, null, Objects.requireNonNull(problem, "problem"));
  }

  public String text() {
    return text;
  }

  public Optional<VersionRange> range() {
    return Optional.ofNullable(range);
  }

  /** Why the text is not a range; empty when it parsed. */
  public Optional<String> problem() {
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
