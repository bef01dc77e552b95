package org.cpansec.manifest.sbom;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Extractor;
import org.cpansec.manifest.LocatedNode;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.ManifestText;
import org.cpansec.manifest.UnreadableManifestException;

/** SPDX 2.x JSON: {@code packages[]} with a {@code purl} external reference. */
public final class SpdxJsonExtractor implements Extractor {

  @Override
  public String name() {
    return "SPDX JSON";
  }

  @Override
  public boolean accepts(Path path) {
    Path n = path.getFileName();
    return n != null && n.toString().endsWith(".spdx.json");
  }

  @Override
  public Manifest extract(Path file, ExtractContext context) {
    LocatedNode root = SbomJson.parse(file, ManifestText.read(file, context));
    if (!root.textAt("spdxVersion").map(v -> v.startsWith("SPDX-2.")).orElse(false)) {
      throw new UnreadableManifestException(
          file, "not an SPDX 2.x JSON document (no \"spdxVersion\": \"SPDX-2.x\")");
    }
    Components components = new Components(file);
    for (LocatedNode p : root.get("packages").map(LocatedNode::list).orElse(List.of())) {
      String label =
          p.textAt("name").orElse("?") + p.textAt("versionInfo").map(v -> " " + v).orElse("");
      components.add(purlOf(p), label, p.line(), p.column());
    }
    return new Manifest(
        file, name(), Optional.empty(), components.dependencies, List.of(), components.problems);
  }

  private static Optional<String> purlOf(LocatedNode pkg) {
    return pkg.get("externalRefs").map(LocatedNode::list).orElse(List.of()).stream()
        .filter(r -> r.textAt("referenceType").map("purl"::equals).orElse(false))
        .flatMap(r -> r.textAt("referenceLocator").stream())
        .findFirst();
  }
}
