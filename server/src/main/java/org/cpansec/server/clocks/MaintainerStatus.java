package org.cpansec.server.clocks;

/**
 * Where a case stands with its maintainer (CPANSEC-PROCESS.md §4), computed by {@link
 * ClockRules#classify}.
 */
public enum MaintainerStatus {
  NOT_CONTACTED("Not contacted yet", true, false),
  AWAITING_ANSWER("Contacted, awaiting an answer", true, false),
  ANSWERED("The maintainer answered", true, false),
  /** The mail bounced, but not every abandonment condition is recorded as holding. */
  BOUNCED("The mail bounced: find another address or record the abandonment evidence", true, false),
  /** The mail did not bounce and no answer came by the planned date: the embargo applies. */
  UNRESPONSIVE("Unresponsive: the embargo applies, then publish with a patch", true, true),
  /** All five conditions hold for five years: no grace period. */
  ABANDONED("Abandoned: no grace period, publish with a patch", false, true);

  private final String description;
  private final boolean gracePeriod;
  private final boolean publishWithPatch;

  MaintainerStatus(String description, boolean gracePeriod, boolean publishWithPatch) {
    this.description = description;
    this.gracePeriod = gracePeriod;
    this.publishWithPatch = publishWithPatch;
  }

  public String description() {
    return description;
  }

  /** Whether the maintainer gets the embargo period at all. */
  public boolean gracePeriod() {
    return gracePeriod;
  }

  /** Whether the CNA publishes with its own patch (the maintainer will not). */
  public boolean publishWithPatch() {
    return publishWithPatch;
  }
}
