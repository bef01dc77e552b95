package org.cpansec.manifest;

import java.util.Objects;
import java.util.Optional;
import org.cpansec.cpan.DistName;
import org.cpansec.cpan.ModuleName;
import org.cpansec.cpan.PauseId;

/**
 * One dependency as a manifest states it, before any matching.
 *
 * @param module the module named (cpanfile, META, installed tree); empty when the manifest names a
 *     distribution
 * @param distribution the distribution named (snapshot, SBOM) or known for the module (a {@code
 *     .packlist}); empty when the manifest does not say
 * @param author the PAUSE id of the release, when the manifest says (snapshot pathname, purl)
 * @param version exact, requirement or unknown-with-reason
 * @param feature the optional feature it belongs to ({@code feature 'x' => sub {...}})
 * @param requiredBy the distribution whose own requirements list this entry (snapshot graph); empty
 *     for the project's direct dependencies
 * @param source where it was declared
 */
public record Dependency(
    Optional<ModuleName> module,
    Optional<DistName> distribution,
    Optional<PauseId> author,
    VersionSpec version,
    Phase phase,
    Relationship relationship,
    Optional<String> feature,
    Optional<DistName> requiredBy,
    SourceLocation source) {

  public Dependency {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(relationship, "relationship");
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(requiredBy, "requiredBy");
    Objects.requireNonNull(source, "source");
    if (module.isEmpty() && distribution.isEmpty()) {
      throw new IllegalArgumentException("a dependency names a module or a distribution");
    }
  }

  /** A module requirement as a cpanfile or META states it. */
  public static Dependency module(
      ModuleName module,
      VersionSpec version,
      Phase phase,
      Relationship relationship,
      Optional<String> feature,
      SourceLocation source) {
    return new Dependency(
        Optional.of(module),
        Optional.empty(),
        Optional.empty(),
        version,
        phase,
        relationship,
        feature,
        Optional.empty(),
        source);
  }

  /** A distribution at an exact (or unknown) version, as a lock file or SBOM states it. */
  public static Dependency distribution(
      DistName distribution, Optional<PauseId> author, VersionSpec version, SourceLocation source) {
    return new Dependency(
        Optional.empty(),
        Optional.of(distribution),
        author,
        version,
        Phase.RUNTIME,
        Relationship.REQUIRES,
        Optional.empty(),
        Optional.empty(),
        source);
  }

  /** True for the project's own dependencies, false for edges of the dependency graph. */
  public boolean isDirect() {
    return requiredBy.isEmpty();
  }

  /** The module name, else the distribution name: what a report shows first. */
  public String name() {
    return module.map(ModuleName::value).orElseGet(() -> distribution.orElseThrow().value());
  }
}
