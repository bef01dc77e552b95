package org.cpansec.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.Release;
import org.cpansec.manifest.Dependency;

/**
 * One thing the audit found about one dependency.
 *
 * @param kind vulnerable, allows-vulnerable or unknown
 * @param distribution the CPAN distribution the dependency resolved to
 * @param dependency the dependency as declared, with the file and line it came from
 * @param advisories the advisories that apply (for unknown: the ones that could not be decided)
 * @param affectedReleases for allows-vulnerable: the known affected releases the requirement
 *     admits, lowest first
 * @param remediation what to upgrade to
 * @param reason for unknown findings: why it could not be decided
 * @param resolvedBy how the module was mapped to its distribution, when it was
 */
public record Finding(
    FindingKind kind,
    String distribution,
    Dependency dependency,
    List<Advisory> advisories,
    List<Release> affectedReleases,
    Remediation remediation,
    Optional<String> reason,
    Optional<String> resolvedBy) {

  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(dependency, "dependency");
    advisories = List.copyOf(advisories);
    affectedReleases = List.copyOf(affectedReleases);
    Objects.requireNonNull(remediation, "remediation");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(resolvedBy, "resolvedBy");
  }

  /** What to do, in one line: the remediation worded for this kind of finding. */
  public String advice() {
    return remediation.describe(distribution, kind == FindingKind.ALLOWS_VULNERABLE);
  }

  /** The highest severity among the advisories; UNKNOWN when none says. */
  public org.cpansec.advisory.Severity.Level severity() {
    org.cpansec.advisory.Severity.Level max = org.cpansec.advisory.Severity.Level.UNKNOWN;
    for (Advisory a : advisories) {
      if (a.severity().level().compareTo(max) > 0) {
        max = a.severity().level();
      }
    }
    return max;
  }
}
