package org.cpansec.manifest.sbom;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Extractor;
import org.cpansec.manifest.LocatedNode;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.ManifestText;
import org.cpansec.manifest.ProjectInfo;
import org.cpansec.manifest.UnreadableManifestException;
import org.cpansec.manifest.VersionSpec;

/** CycloneDX JSON (any 1.x): {@code components[]}, nested components included. */
public final class CycloneDxJsonExtractor implements Extractor {

  @Override
  public String name() {
    return "CycloneDX JSON";
  }

  @Override
  public boolean accepts(Path path) {
    Path n = path.getFileName();
    String name = n == null ? "" : n.toString();
    return name.equals("bom.json")
        || name.endsWith(".cdx.json")
        || name.endsWith(".cyclonedx.json");
  }

  @Override
  public Manifest extract(Path file, ExtractContext context) {
    LocatedNode root = SbomJson.parse(file, ManifestText.read(file, context));
    if (!root.textAt("bomFormat").map("CycloneDX"::equals).orElse(false)) {
      throw new UnreadableManifestException(
          file, "not a CycloneDX JSON document (no \"bomFormat\": \"CycloneDX\")");
    }
    Components components = new Components(file);
    root.get("components").ifPresent(list -> walk(list, components));
    Optional<ProjectInfo> project =
        root.get("metadata").flatMap(m -> m.get("component")).map(CycloneDxJsonExtractor::project);
    return new Manifest(
        file, name(), project, components.dependencies, List.of(), components.problems);
  }

  private static void walk(LocatedNode list, Components components) {
    for (LocatedNode c : list.list()) {
      String label =
          c.textAt("name").orElse("?") + c.textAt("version").map(v -> " " + v).orElse("");
      components.add(c.textAt("purl"), label, c.line(), c.column());
      c.get("components").ifPresent(nested -> walk(nested, components));
    }
  }

  private static ProjectInfo project(LocatedNode c) {
    return new ProjectInfo(
        c.textAt("name").orElse(""),
        c.textAt("version").map(VersionSpec::exactOf),
        c.textAt("description"),
        c.textAt("author").stream().toList(),
        c.get("licenses")
            .map(
                l ->
                    l.list().stream()
                        .flatMap(
                            x ->
                                x
                                    .get("license")
                                    .flatMap(y -> y.textAt("id").or(() -> y.textAt("name")))
                                    .or(() -> x.textAt("expression"))
                                    .stream())
                        .toList())
            .orElse(List.of()),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
