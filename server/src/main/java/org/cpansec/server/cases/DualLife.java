package org.cpansec.server.cases;

/**
 * Whether the affected module is dual-life (shipped with perl and on CPAN), and so how many CVEs
 * the issue gets (CPANSEC-PROCESS.md §2).
 */
public enum DualLife {
  NOT_DUAL_LIFE(""),
  RELEASED_SEPARATELY(
      "Two CVEs: one for the distribution as released on CPAN, and a separate CVE for perl with"
          + " CWE-1395 (Dependency on Vulnerable Third-Party Component)."),
  NEVER_RELEASED_SEPARATELY("One CVE, for perl: the module was never released separately on CPAN.");

  private final String advice;

  DualLife(String advice) {
    this.advice = advice;
  }

  /** The CVE-split rule for this case; empty when the module is not dual-life. */
  public String advice() {
    return advice;
  }
}
