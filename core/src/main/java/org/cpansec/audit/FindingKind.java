package org.cpansec.audit;

/** What a finding says about a dependency. The names are part of the JSON contract. */
public enum FindingKind {
  /** A pinned version (snapshot, installed tree, SBOM) lies in an advisory's affected range. */
  VULNERABLE("vulnerable"),
  /** A declared requirement (cpanfile, META) admits at least one known affected release. */
  ALLOWS_VULNERABLE("allows-vulnerable"),
  /** It cannot be decided: a version or range that cannot be read, or missing release data. */
  UNKNOWN("unknown");

  private final String label;

  FindingKind(String label) {
    this.label = label;
  }

  /** The stable name used in JSON and SARIF. */
  public String label() {
    return label;
  }
}
