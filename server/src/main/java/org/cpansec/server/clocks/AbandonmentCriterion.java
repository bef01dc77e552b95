package org.cpansec.server.clocks;

/**
 * The five conditions of an abandoned module (CPANSEC-PROCESS.md §4). The first four are about
 * activity and hold when there was none for five years; the last is about the maintainer's mail.
 */
public enum AbandonmentCriterion {
  NO_RELEASE("No release", true),
  NO_UPLOADS("No uploads by the maintainers", true),
  NO_REPOSITORY_ACTIVITY("No repository activity", true),
  NO_PUBLIC_PARTICIPATION("No public participation", true),
  MAIL_BOUNCES("Mail bounces, no alternative address", false);

  private final String label;
  private final boolean activity;

  AbandonmentCriterion(String label, boolean activity) {
    this.label = label;
    this.activity = activity;
  }

  public String label() {
    return label;
  }

  /** Whether the condition is about activity (last activity at least five years back). */
  public boolean isActivity() {
    return activity;
  }
}
