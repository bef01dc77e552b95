package org.cpansec.server.clocks;

/** The three things the CNA owes someone by a date (CPANSEC-PROCESS.md §4, §9). */
public enum DeadlineKind {
  /** Contact the maintainer within {@code contact-days} (7) of the report. */
  MAINTAINER_CONTACT("maintainer contact", "contact the maintainer"),
  /** The planned disclosure date is reached and the case is not yet published. */
  DISCLOSURE_DATE("planned disclosure date", "publish (planned disclosure date)"),
  /** Acknowledge a dispute within {@code dispute-business-days} (5) business days. */
  DISPUTE_ACKNOWLEDGEMENT("dispute acknowledgement", "acknowledge the dispute");

  private final String label;
  private final String task;

  DeadlineKind(String label, String task) {
    this.label = label;
    this.task = task;
  }

  /** Words for pages and mails. */
  public String label() {
    return label;
  }

  /** What the assignee has to do, for the reminder mail's {@code task}. */
  public String task() {
    return task;
  }
}
