package org.cpansec.cve.record;

import java.util.Objects;
import java.util.regex.Pattern;

/** A CPAN author's PAUSE login, upper case: {@code GRYPHON}. */
public record PauseId(String value) implements Comparable<PauseId> {
  private static final Pattern FORMAT = Pattern.compile("[A-Z0-9]+");

  public PauseId {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new InvalidValueException(
          "PAUSE id", value, "is not a PAUSE id (upper-case letters and digits only)");
    }
  }

  public static PauseId of(String value) {
    return new PauseId(value);
  }

  @Override
  public int compareTo(PauseId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
