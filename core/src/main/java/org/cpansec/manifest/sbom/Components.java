package org.cpansec.manifest.sbom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpansec.cpan.CpanPurl;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.Phase;
import org.cpansec.manifest.Problem;
import org.cpansec.manifest.Relationship;
import org.cpansec.manifest.SourceLocation;
import org.cpansec.manifest.VersionSpec;

/** Turns SBOM components into dependencies, collecting problems; shared by the three formats. */
final class Components {
  private final Path file;
  final List<Dependency> dependencies = new ArrayList<>();
  final List<Problem> problems = new ArrayList<>();

  Components(Path file) {
    this.file = file;
  }

  /**
   * Adds one component.
   *
   * @param purl the component's purl, empty when it has none
   * @param label the component's name (and version) for messages
   */
  void add(Optional<String> purl, String label, int line, int column) {
    SourceLocation at = SourceLocation.of(file, line, column);
    if (purl.isEmpty()) {
      problems.add(
          new Problem(at, "component '" + label + "' has no purl; not read as a CPAN package"));
      return;
    }
    if (!CpanPurl.isCpan(purl.get())) {
      problems.add(
          new Problem(
              at,
              "component '"
                  + label
                  + "' is "
                  + purl.get()
                  + ", not a pkg:cpan package; not audited"));
      return;
    }
    CpanPurl p;
    try {
      p = CpanPurl.parse(purl.get());
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(at, e.getMessage()));
      return;
    }
    VersionSpec version =
        p.version()
            .map(VersionSpec::exactOf)
            .orElseGet(() -> VersionSpec.unknown("", "purl " + purl.get() + " has no version"));
    if (version instanceof VersionSpec.Unknown u) {
      problems.add(new Problem(at, u.reason()));
    }
    dependencies.add(
        new Dependency(
            p.module(),
            p.distribution(),
            p.author(),
            version,
            Phase.RUNTIME,
            Relationship.REQUIRES,
            Optional.empty(),
            Optional.empty(),
            at));
  }
}
