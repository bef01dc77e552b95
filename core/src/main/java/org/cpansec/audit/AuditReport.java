package org.cpansec.audit;

import java.util.List;
import java.util.Objects;
import org.cpansec.manifest.Manifest;

/**
 * The result of one audit.
 *
 * @param manifests what was read, each with the problems found while reading it
 * @param findings what was found, in the order of the manifests and their lines
 * @param dependencies how many dependencies were examined
 * @param unresolvedModules modules that no index maps to a distribution (so no advisory names
 *     them), sorted
 * @param coreModules modules that ship only with the target perl, sorted
 * @param exclusions the exclusions in force, with expired ones and which were used
 */
public record AuditReport(
    List<Manifest> manifests,
    List<Finding> findings,
    int dependencies,
    List<String> unresolvedModules,
    List<String> coreModules,
    Exclusions exclusions) {

  public AuditReport {
    manifests = List.copyOf(manifests);
    findings = List.copyOf(findings);
    unresolvedModules = List.copyOf(unresolvedModules);
    coreModules = List.copyOf(coreModules);
    Objects.requireNonNull(exclusions, "exclusions");
  }

  public long count(FindingKind kind) {
    return findings.stream().filter(f -> f.kind() == kind).count();
  }

  public int problemCount() {
    return manifests.stream().mapToInt(m -> m.problems().size()).sum();
  }
}
