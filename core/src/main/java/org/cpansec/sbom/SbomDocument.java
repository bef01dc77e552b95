package org.cpansec.sbom;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A format-neutral SBOM of one Perl project: the project itself, its components, who depends on
 * whom, and (optionally) the audit's findings.
 *
 * @param root the project (from META, else named after its directory)
 * @param components the CPAN distributions, in the order the manifests list them
 * @param dependsOn for each ref, the refs it depends on (sorted, every ref of the document listed)
 * @param vulnerabilities advisories that affect components, empty without --with-vulnerabilities
 * @param stamp serial number and creation time
 * @param toolVersion the name and version of the tool that wrote it
 */
public record SbomDocument(
    SbomComponent root,
    List<SbomComponent> components,
    Map<String, List<String>> dependsOn,
    List<SbomVulnerability> vulnerabilities,
    SbomStamp stamp,
    String toolVersion) {

  public SbomDocument {
    Objects.requireNonNull(root, "root");
    components = List.copyOf(components);
    dependsOn = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dependsOn));
    vulnerabilities = List.copyOf(vulnerabilities);
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(toolVersion, "toolVersion");
  }

  /** A copy with another stamp. */
  public SbomDocument withStamp(SbomStamp other) {
    return new SbomDocument(root, components, dependsOn, vulnerabilities, other, toolVersion);
  }
}
