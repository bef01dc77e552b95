package org.cpansec.cve.record;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Perl package name: {@code Mojolicious::Plugin::CaptchaPNG}. */
public record ModuleName(String value) implements Comparable<ModuleName> {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_:]+");

  public ModuleName {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new InvalidValueException(
          "module name", value, "is not a module name (letters, digits, '_' and '::')");
    }
  }

  public static ModuleName of(String value) {
    return new ModuleName(value);
  }

  @Override
  public int compareTo(ModuleName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
