package org.cpansec.cpan;

import java.util.regex.Pattern;

/**
 * The name of a CPAN distribution, e.g. {@code libwww-perl} or {@code Plack}. Distinct from a
 * module name: a distribution ships many modules and its name need not resemble any of them.
 */
public record DistName(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");

  public DistName {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("distribution name is empty");
    }
    if (value.contains("::")) {
      throw new IllegalArgumentException(
          "'" + value + "' is a module name, not a distribution name (contains '::')");
    }
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "not a distribution name: '"
              + value
              + "' (expected letters, digits, '_', '.', '+' and '-', not starting with a"
              + " punctuation character)");
    }
  }

  public static DistName of(String text) {
    return new DistName(text);
  }

  /**
   * Guesses the distribution of a module by the CPAN naming habit ({@code Foo::Bar} is usually
   * shipped as {@code Foo-Bar}). This is a heuristic and often wrong ({@code LWP::UserAgent} is in
   * {@code libwww-perl}); callers use it only when no index (advisory database module map, snapshot
   * {@code provides}, 02packages) knows the module, and must say that they guessed.
   */
  public static DistName guessFromModule(ModuleName module) {
    return new DistName(module.value().replace("::", "-"));
  }

  @Override
  public String toString() {
    return value;
  }
}
