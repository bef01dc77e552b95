package org.cpansec.server.cveservices;

/** How CVE Services numbers several IDs reserved at once ({@code batch_type}). */
public enum BatchType {
  /** Consecutive numbers. */
  SEQUENTIAL("sequential"),
  /** Scattered numbers, so the IDs reveal nothing about each other. */
  NONSEQUENTIAL("nonsequential");

  private final String parameter;

  BatchType(String parameter) {
    this.parameter = parameter;
  }

  /** The query parameter's value. */
  public String parameter() {
    return parameter;
  }
}
