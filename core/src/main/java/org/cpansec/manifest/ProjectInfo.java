package org.cpansec.manifest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a manifest says about the project itself (META, SBOM metadata): the distribution's name,
 * version, abstract, authors, licenses and resources. Values are kept as written; {@code version}
 * is a {@link VersionSpec} so a bad one is visible as unknown.
 */
public record ProjectInfo(
    String name,
    Optional<VersionSpec> version,
    Optional<String> abstractText,
    List<String> authors,
    List<String> licenses,
    Optional<String> homepage,
    Optional<String> repository,
    Optional<String> bugtracker) {

  public ProjectInfo {
    Objects.requireNonNull(name, "name");
    authors = List.copyOf(authors);
    licenses = List.copyOf(licenses);
  }
}
