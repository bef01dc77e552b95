package org.cpansec.cve.lint;

/** How much a finding matters: an error blocks, a warning blocks only under {@code --strict}. */
public enum Severity {
  ERROR,
  WARNING;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
