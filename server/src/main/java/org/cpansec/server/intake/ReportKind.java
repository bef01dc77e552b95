package org.cpansec.server.intake;

/** The kinds of report the forms take (CPANSEC-PROCESS.md §1). */
public enum ReportKind {
  VULNERABILITY,
  MALWARE,
  /** A compromised PAUSE account: forwarded to the PAUSE admins; only a receipt is kept. */
  ACCOUNT
}
