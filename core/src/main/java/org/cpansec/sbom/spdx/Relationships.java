package org.cpansec.sbom.spdx;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Map;
import org.cpansec.sbom.SbomComponent;
import org.cpansec.sbom.SbomDocument;

/**
 * The dependency graph as SPDX relationships: the project's declared requirements by phase (SPDX
 * has a relationship type per CPAN::Meta phase but {@code configure}, which is a build step), and
 * every other edge as {@code DEPENDS_ON}.
 */
final class Relationships {
  private Relationships() {}

  static void add(ArrayNode out, SbomDocument d, Ids ids) {
    Map<String, SbomComponent> byRef = new java.util.HashMap<>();
    d.components().forEach(c -> byRef.put(c.ref(), c));
    String root = ids.of(d.root());
    for (Map.Entry<String, List<String>> e : d.dependsOn().entrySet()) {
      boolean fromRoot = e.getKey().equals(d.root().ref());
      for (String to : e.getValue()) {
        SbomComponent target = byRef.get(to);
        if (fromRoot && target != null && !target.phases().isEmpty()) {
          for (String phase : target.phases()) {
            SpdxJsonWriter.relationship(out, ids.of(target), typeOf(phase), root);
          }
        } else {
          SpdxJsonWriter.relationship(out, ids.of(e.getKey()), "DEPENDS_ON", ids.of(to));
        }
      }
    }
  }

  private static String typeOf(String phase) {
    return switch (phase) {
      case "runtime" -> "RUNTIME_DEPENDENCY_OF";
      case "test" -> "TEST_DEPENDENCY_OF";
      case "develop" -> "DEV_DEPENDENCY_OF";
      default -> "BUILD_DEPENDENCY_OF"; // build and configure
    };
  }
}
