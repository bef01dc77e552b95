package org.cpansec.cli.audit;

/** The values of the audit's {@code --format}. */
public enum ReportFormat {
  text,
  json,
  sarif
}
