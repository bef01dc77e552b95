package org.cpansec.server.cases;

/** Why a case is closed from triage (CPANSEC-PROCESS.md §2). */
public enum CloseReason {
  OUT_OF_SCOPE("out of scope", CaseLabel.OUT_OF_SCOPE),
  NOT_A_SECURITY_ISSUE("not a security issue", CaseLabel.NOT_A_SECURITY_ISSUE),
  DUPLICATE("duplicate", null);

  private final String text;
  private final CaseLabel label;

  CloseReason(String text, CaseLabel label) {
    this.text = text;
    this.label = label;
  }

  public String text() {
    return text;
  }

  /** The label closing for this reason puts on the case, if any. */
  public java.util.Optional<CaseLabel> label() {
    return java.util.Optional.ofNullable(label);
  }
}
