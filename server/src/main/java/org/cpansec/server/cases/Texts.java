package org.cpansec.server.cases;

/** Checks of typed text: each failure is a refusal naming the field and what was expected. */
final class Texts {
  private Texts() {}

  /** Stripped text of 1..max characters. */
  static String required(String value, String field, int max) {
    if (value == null || value.isBlank()) {
      throw CaseRefusedException.invalid(field + " is required.");
    }
    return limited(value.strip(), field, max);
  }

  /** Stripped text of at most max characters, or null when blank. */
  static String optional(String value, String field, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return limited(value.strip(), field, max);
  }

  private static String limited(String value, String field, int max) {
    if (value.length() > max) {
      throw CaseRefusedException.invalid(
          field + " is too long: at most " + String.format("%,d", max) + " characters.");
    }
    return value;
  }
}
