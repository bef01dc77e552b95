package org.cpansec.server.cases;

/**
 * What the issue lets an attacker do. Remote code execution, privilege escalation and
 * authentication bypass make a case HIGH PRIORITY (CPANSEC-PROCESS.md §2).
 */
public enum Impact {
  REMOTE_CODE_EXECUTION("remote code execution", true),
  PRIVILEGE_ESCALATION("privilege escalation", true),
  AUTHENTICATION_BYPASS("authentication bypass", true),
  INFORMATION_DISCLOSURE("information disclosure", false),
  DATA_INTEGRITY("data integrity", false),
  DENIAL_OF_SERVICE("denial of service or performance", false),
  OTHER("other", false);

  private final String text;
  private final boolean highPriority;

  Impact(String text, boolean highPriority) {
    this.text = text;
    this.highPriority = highPriority;
  }

  public String text() {
    return text;
  }

  /** Whether this impact makes the case HIGH PRIORITY. */
  public boolean highPriority() {
    return highPriority;
  }
}
