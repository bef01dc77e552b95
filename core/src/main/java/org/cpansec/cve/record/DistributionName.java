package org.cpansec.cve.record;

import java.util.Objects;
import java.util.regex.Pattern;

/** A CPAN distribution name: {@code Mojolicious-Plugin-CaptchaPNG}. */
public record DistributionName(String value) implements Comparable<DistributionName> {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]+");

  public DistributionName {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new InvalidValueException(
          "distribution name",
          value,
          "is not a distribution name (letters, digits, '_' and '-'; use '-' where the module has '::')");
    }
  }

  public static DistributionName of(String value) {
    return new DistributionName(value);
  }

  @Override
  public int compareTo(DistributionName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
