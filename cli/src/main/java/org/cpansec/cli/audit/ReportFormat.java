package org.cpansec.cli.audit;

/** The values of the audit's {@code --format}. */
public enum ReportFormat {
  text,
  json,
  sarif,
  /** CycloneDX 1.6 JSON VEX: the findings as a BOM with vulnerabilities. */
  cyclonedx
}
