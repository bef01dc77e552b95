package org.cpansec.cpan;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A PAUSE author id (the CPAN "author"), e.g. {@code MIYAGAWA}. PAUSE ids are case-insensitive and
 * written upper case in CPAN paths and in {@code pkg:cpan} purls, so the factory normalises to
 * upper case.
 */
public record PauseId(String value) {
  // PAUSE accepts 2 to 9 characters: letters, digits and '-', starting with a letter.
  private static final Pattern VALID = Pattern.compile("[A-Z][A-Z0-9-]{1,8}");

  public PauseId {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "not a PAUSE id: '"
              + value
              + "' (expected 2 to 9 upper-case letters, digits or '-', starting with a letter)");
    }
  }

  public static PauseId of(String text) {
    return new PauseId(text == null ? null : text.toUpperCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return value;
  }
}
