package org.cpansec.advisory;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import org.cpansec.version.InvalidVersionException;
import org.cpansec.version.PerlVersion;

/**
 * One release of a distribution: its version as the source wrote it, the parsed {@link PerlVersion}
 * or the reason it does not parse, and its date. {@code perlRelease} is set when the release is a
 * dual-life module shipped with that perl.
 */
public final class Release {
  /** By version; unparseable releases last, in text order. */
  public static final Comparator<Release> BY_VERSION =
      Comparator.comparing(
              (Release r) -> r.version, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(r -> r.text);

  private final String text;
  private final PerlVersion version;
  private final String problem;
  private final String date;
  private final String perlRelease;

  private Release(
      String text, PerlVersion version, String problem, String date, String perlRelease) {
    this.text = text;
    this.version = version;
    this.problem = problem;
    this.date = date;
    this.perlRelease = perlRelease;
  }

  /** Parses the version text; {@code null} text (the source had none) is an unparseable release. */
  public static Release of(String text, String date, String perlRelease) {
    if (text == null) {
      return new Release("", null, "no version given", date, perlRelease);
    }
    try {
      return new Release(text, PerlVersion.parse(text), null, date, perlRelease);
    } catch (InvalidVersionException e) {
      return new Release(text, null, e.perlMessage(), date, perlRelease);
    }
  }

  public String text() {
    return text;
  }

  public Optional<PerlVersion> version() {
    return Optional.ofNullable(version);
  }

  public boolean isParsed() {
    return version != null;
  }

  /** Why the version does not parse; empty when it does. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  public Optional<String> date() {
    return Optional.ofNullable(date);
  }

  public Optional<String> perlRelease() {
    return Optional.ofNullable(perlRelease);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Release)) {
      return false;
    }
    Release r = (Release) o;
    return text.equals(r.text)
        && Objects.equals(date, r.date)
        && Objects.equals(perlRelease, r.perlRelease);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, date, perlRelease);
  }

  @Override
  public String toString() {
    return text.isEmpty() ? "(none)" : text;
  }
}
