package org.cpansec.cve.lint;

/**
 * How much a finding matters: an error blocks, a warning blocks only under {@code --strict}, a
 * notice (something that could not be checked) never blocks.
 */
public enum Severity {
  ERROR,
  WARNING,
  NOTICE;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
