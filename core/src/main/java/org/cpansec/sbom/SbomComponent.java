package org.cpansec.sbom;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One component of an SBOM: a CPAN distribution (or, when no distribution is known, the module a
 * manifest names), or the project itself.
 *
 * @param ref the identifier other parts of the document use for it (the purl when there is one)
 * @param name the distribution (or module) name
 * @param version the exact version, empty when only a requirement is known
 * @param purl {@code pkg:cpan/AUTHOR/Dist@version}, empty when the author is not known (a module
 *     name is never put in a purl)
 * @param description the abstract, when known
 * @param authors the authors as META writes them
 * @param license an SPDX expression, empty when unknown
 * @param sha256 the hex SHA-256 of the release tarball, when it was found locally
 * @param provides the modules the distribution provides
 * @param phases the CPAN::Meta phases in which the project itself requires it
 * @param requirement the declared requirement when no exact version is known
 * @param links release page, download, repository ...
 */
public record SbomComponent(
    String ref,
    String name,
    Optional<String> version,
    Optional<String> purl,
    Optional<String> description,
    List<String> authors,
    Optional<String> license,
    Optional<String> sha256,
    List<String> provides,
    List<String> phases,
    Optional<String> requirement,
    List<SbomLink> links) {

  public SbomComponent {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(purl, "purl");
    Objects.requireNonNull(description, "description");
    authors = List.copyOf(authors);
    Objects.requireNonNull(license, "license");
    Objects.requireNonNull(sha256, "sha256");
    provides = List.copyOf(provides);
    phases = List.copyOf(phases);
    Objects.requireNonNull(requirement, "requirement");
    links = List.copyOf(links);
  }

  /** The name and version for people, e.g. {@code Plack 1.0047}. */
  public String label() {
    return name + version.map(v -> " " + v).orElse("");
  }
}
