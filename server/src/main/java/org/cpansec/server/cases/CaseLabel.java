package org.cpansec.server.cases;

import java.util.Locale;
import java.util.Optional;

/** The labels a case can carry (CPANSEC-PROCESS.md §2), stored by name in {@code case_label}. */
public enum CaseLabel {
  OUT_OF_SCOPE("OUT OF SCOPE"),
  NOT_A_SECURITY_ISSUE("NOT A SECURITY ISSUE"),
  MERIT_A_CVE("Does this merit a CVE?"),
  HIGH_PRIORITY("HIGH PRIORITY"),
  RETROACTIVE("RETROACTIVE"),
  DUAL_LIFE("Dual Life"),
  UPSTREAM_VULNERABILITY("Upstream Vulnerability"),
  CONTACT_MAINTAINERS("Contact Maintainers (to do)"),
  READY_TO_PUBLISH("Ready to Publish");

  private final String text;

  CaseLabel(String text) {
    this.text = text;
  }

  /** The label as the group writes it. */
  public String text() {
    return text;
  }

  public static Optional<CaseLabel> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
