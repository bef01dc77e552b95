package org.cpansec.sbom;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.Reference;
import org.cpansec.audit.AuditReport;
import org.cpansec.audit.Finding;
import org.cpansec.audit.FindingKind;
import org.cpansec.manifest.VersionSpec;

/**
 * The audit's findings as SBOM vulnerabilities: one per advisory and kind of finding, affecting the
 * components it was found in. A finding about a declared requirement (allows-vulnerable) that no
 * component of its own stands for affects the project, since it is the project's declaration that
 * admits the vulnerable releases.
 */
final class Vulnerabilities {
  private Vulnerabilities() {}

  static List<SbomVulnerability> of(
      AuditReport report, SbomComponent root, List<SbomComponent> components) {
    Map<String, Group> groups = new LinkedHashMap<>();
    for (Finding f : report.findings()) {
      String ref = refOf(f, root, components);
      for (Advisory a : f.advisories()) {
        Group g =
            groups.computeIfAbsent(a.id() + " " + f.kind().label(), k -> new Group(a, f.kind()));
        g.affects.add(ref);
        g.advice.add(f.advice());
        f.reason().ifPresent(g.reasons::add);
      }
    }
    return groups.values().stream().map(Group::build).toList();
  }

  private static String refOf(Finding f, SbomComponent root, List<SbomComponent> components) {
    Optional<String> exact =
        f.dependency().version() instanceof VersionSpec.Requirement
            ? Optional.empty()
            : Optional.of(f.dependency().version().written());
    for (SbomComponent c : components) {
      boolean sameRelease =
          c.name().equals(f.distribution()) && exact.isPresent() && c.version().equals(exact);
      boolean sameModule =
          c.requirement().isPresent()
              && f.dependency().module().map(m -> m.value().equals(c.name())).orElse(false);
      if (sameRelease || sameModule) {
        return c.ref();
      }
    }
    return root.ref();
  }

  private static final class Group {
    final Advisory advisory;
    final FindingKind kind;
    final Set<String> affects = new LinkedHashSet<>();
    final Set<String> advice = new LinkedHashSet<>();
    final Set<String> reasons = new LinkedHashSet<>();

    Group(Advisory advisory, FindingKind kind) {
      this.advisory = advisory;
      this.kind = kind;
    }

    SbomVulnerability build() {
      String description =
          advisory.description() != null && !advisory.description().isBlank()
              ? advisory.description().strip()
              : advisory.title() == null ? advisory.id() : advisory.title();
      return new SbomVulnerability(
          advisory.id(),
          advisory.cves(),
          advisory.severity().level().label(),
          advisory.cvss(),
          advisory.cwes(),
          description,
          String.join("; ", advice),
          advisory.references().stream().map(Reference::encodedUrl).distinct().toList(),
          List.copyOf(affects),
          kind.label(),
          reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons)));
    }
  }
}
