package org.cpansec.server.cases;

/** The triage's severity of a case, without CVSS. */
public enum CaseSeverity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL
}
