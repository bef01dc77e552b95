package org.cpansec.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.Problem;
import org.cpansec.manifest.ProjectInfo;
import org.cpansec.manifest.VersionSpec;

/** Renders what {@code cpansec deps} read, as text for people or as the documented JSON. */
final class DepsReport {
  /** One manifest read, and the lock file whose exact versions take precedence over it. */
  record Read(Manifest manifest, Optional<Path> coveredBy) {}

  private final List<Read> reads;
  private final boolean graph;

  DepsReport(List<Read> reads, boolean graph) {
    this.reads = reads;
    this.graph = graph;
  }

  int problemCount() {
    return reads.stream().mapToInt(r -> r.manifest().problems().size()).sum();
  }

  private List<Dependency> shown(Manifest m) {
    return graph ? m.dependencies() : m.directDependencies();
  }

  String text() {
    StringBuilder out = new StringBuilder();
    for (Read r : reads) {
      Manifest m = r.manifest();
      out.append("# ").append(m.file()).append(" (").append(m.format());
      r.coveredBy().ifPresent(c -> out.append("; exact versions from ").append(c));
      out.append(")\n");
      m.project().ifPresent(p -> out.append("  project ").append(describe(p)).append('\n'));
      for (Dependency d : shown(m)) {
        out.append(
            String.format(
                "  %-40s %-14s %-9s %-10s%s%s  %s%n",
                d.name(),
                requirement(d.version()),
                d.phase().specName(),
                d.relationship().specName(),
                d.feature().map(f -> " feature=" + f).orElse(""),
                d.requiredBy().map(b -> " required-by=" + b).orElse(""),
                location(d)));
        if (d.version() instanceof VersionSpec.Unknown u) {
          out.append("      unknown: ").append(u.reason()).append('\n');
        }
      }
      for (Problem p : m.problems()) {
        out.append("  problem: ").append(p).append('\n');
      }
    }
    return out.toString();
  }

  String json() {
    ObjectNode root = Json.object();
    ArrayNode manifests = root.putArray("manifests");
    ArrayNode deps = root.putArray("dependencies");
    ArrayNode problems = root.putArray("problems");
    for (Read r : reads) {
      Manifest m = r.manifest();
      ObjectNode mf =
          manifests.addObject().put("file", m.file().toString()).put("format", m.format());
      mf.put("coveredBy", r.coveredBy().map(Path::toString).orElse(null));
      m.project().ifPresent(p -> project(mf.putObject("project"), p));
      for (Dependency d : shown(m)) {
        dependency(deps.addObject(), d, m);
      }
      for (Problem p : m.problems()) {
        problems
            .addObject()
            .put("file", p.location().file().toString())
            .put("line", p.location().line())
            .put("column", p.location().column())
            .put("message", p.message());
      }
    }
    return Json.write(root) + "\n";
  }

  private static void dependency(ObjectNode o, Dependency d, Manifest m) {
    o.put("module", d.module().map(Object::toString).orElse(null));
    o.put("distribution", d.distribution().map(Object::toString).orElse(null));
    o.put("author", d.author().map(Object::toString).orElse(null));
    o.put("requirement", requirement(d.version()));
    o.put("kind", kind(d.version()));
    if (d.version() instanceof VersionSpec.Unknown u) {
      o.put("reason", u.reason());
    }
    o.put("phase", d.phase().specName());
    o.put("relationship", d.relationship().specName());
    o.put("feature", d.feature().orElse(null));
    o.put("requiredBy", d.requiredBy().map(Object::toString).orElse(null));
    o.put("file", d.source().file().toString());
    o.put("line", d.source().line());
    o.put("column", d.source().column());
    o.put("manifest", m.format());
  }

  private static void project(ObjectNode o, ProjectInfo p) {
    o.put("name", p.name());
    o.put("version", p.version().map(VersionSpec::written).orElse(null));
    o.put("abstract", p.abstractText().orElse(null));
    p.authors().forEach(o.putArray("authors")::add);
    p.licenses().forEach(o.putArray("licenses")::add);
    o.put("homepage", p.homepage().orElse(null));
    o.put("repository", p.repository().orElse(null));
    o.put("bugtracker", p.bugtracker().orElse(null));
  }

  private static String describe(ProjectInfo p) {
    return p.name() + p.version().map(v -> " " + v.written()).orElse("");
  }

  /** The version or requirement as written; {@code 0} when the manifest gave none. */
  private static String requirement(VersionSpec v) {
    String w = v.written();
    return w.isEmpty() ? "0" : w;
  }

  private static String kind(VersionSpec v) {
    if (v instanceof VersionSpec.Exact) {
      return "exact";
    }
    return v instanceof VersionSpec.Requirement ? "requirement" : "unknown";
  }

  private static String location(Dependency d) {
    return d.source().toString();
  }
}
