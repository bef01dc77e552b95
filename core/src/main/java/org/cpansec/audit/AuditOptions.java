package org.cpansec.audit;

import java.util.Objects;
import java.util.Optional;
import org.cpansec.version.PerlVersion;

/**
 * How to audit.
 *
 * @param perl the target perl: core modules are judged against it, and advisories against perl
 *     itself are reported for it; empty when unknown
 * @param index a CPAN packages index to map modules to distributions, when given
 * @param exclusions advisories to ignore
 */
public record AuditOptions(
    Optional<PerlVersion> perl, Optional<PackagesIndex> index, Exclusions exclusions) {

  public AuditOptions {
    Objects.requireNonNull(perl, "perl");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(exclusions, "exclusions");
  }

  public static AuditOptions defaults() {
    return new AuditOptions(Optional.empty(), Optional.empty(), Exclusions.NONE);
  }
}
