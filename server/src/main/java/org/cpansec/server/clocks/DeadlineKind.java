package org.cpansec.server.clocks;

/** The three things the CNA owes someone by a date (CPANSEC-PROCESS.md §4, §9). */
public enum DeadlineKind {
  /** Contact the maintainer within {@code contact-days} (7) of the report. */
  MAINTAINER_CONTACT("maintainer contact"),
  /** The planned disclosure date is reached and the case is not yet published. */
  DISCLOSURE_DATE("planned disclosure date"),
  /** Acknowledge a dispute within {@code dispute-business-days} (5) business days. */
  DISPUTE_ACKNOWLEDGEMENT("dispute acknowledgement");

  private final String label;

  DeadlineKind(String label) {
    this.label = label;
  }

  /** Words for pages and mails. */
  public String label() {
    return label;
  }
}
