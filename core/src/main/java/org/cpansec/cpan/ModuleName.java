package org.cpansec.cpan;

import java.util.regex.Pattern;

/**
 * A Perl package name as used in requirements, e.g. {@code Plack::Request}. The special name {@code
 * perl} (the interpreter itself, used in prerequisites) is a valid module name.
 */
public record ModuleName(String value) {
  // perl allows the old ' package separator; CPAN::Meta requirements never use it, so neither do
  // we.
  private static final Pattern VALID =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z0-9_]+)*");

  public ModuleName {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "not a module name: '"
              + value
              + "' (expected identifiers separated by '::', e.g. Foo::Bar)");
    }
  }

  public static ModuleName of(String text) {
    return new ModuleName(text);
  }

  public boolean isPerl() {
    return value.equals("perl");
  }

  @Override
  public String toString() {
    return value;
  }
}
