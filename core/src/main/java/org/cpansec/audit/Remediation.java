package org.cpansec.audit;

import java.util.Optional;
import org.cpansec.advisory.Release;

/**
 * What makes a finding go away: the lowest known release at or above the current version (or above
 * every affected release a requirement admits) that no advisory affects.
 *
 * @param upgradeTo that release, or empty when no known release is free of the advisories
 * @param declaredRangeAllows whether the project's own declared requirement for the distribution
 *     already admits {@code upgradeTo}; empty when the project declares no requirement for it
 */
public record Remediation(Optional<Release> upgradeTo, Optional<Boolean> declaredRangeAllows) {

  public static final Remediation NONE = new Remediation(Optional.empty(), Optional.empty());

  public boolean hasFix() {
    return upgradeTo.isPresent();
  }

  /**
   * One line for people. For a pinned version: "upgrade Foo to 1.23"; for a requirement that admits
   * vulnerable releases ({@code raiseMinimum}): "raise the minimum of Foo to 1.23".
   */
  public String describe(String distribution, boolean raiseMinimum) {
    if (upgradeTo.isEmpty()) {
      return "no fixed release of " + distribution + " is known";
    }
    String target = upgradeTo.get().text();
    if (raiseMinimum) {
      return "raise the minimum of " + distribution + " to " + target;
    }
    String base = "upgrade " + distribution + " to " + target;
    if (declaredRangeAllows.isEmpty()) {
      return base;
    }
    return base
        + (declaredRangeAllows.get()
            ? " (your declared requirement allows it)"
            : " (and raise your declared requirement, which does not allow it)");
  }
}
