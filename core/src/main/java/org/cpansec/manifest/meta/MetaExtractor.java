package org.cpansec.manifest.meta;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cpansec.cpan.ModuleName;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Extractor;
import org.cpansec.manifest.LocatedNode;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.ManifestText;
import org.cpansec.manifest.Phase;
import org.cpansec.manifest.Problem;
import org.cpansec.manifest.ProjectInfo;
import org.cpansec.manifest.Relationship;
import org.cpansec.manifest.SourceLocation;
import org.cpansec.manifest.UnreadableManifestException;
import org.cpansec.manifest.VersionSpec;

/** Reads META.json, META.yml, MYMETA.json and MYMETA.yml (CPAN::Meta::Spec 2 and 1.4). */
public final class MetaExtractor implements Extractor {
  private static final Set<String> NAMES =
      Set.of("META.json", "META.yml", "MYMETA.json", "MYMETA.yml");

  /** The version 1.4 top-level prerequisite keys and their version 2 phase and relationship. */
  private static final Map<String, Phase> V14_PHASES =
      Map.of(
          "requires", Phase.RUNTIME,
          "recommends", Phase.RUNTIME,
          "conflicts", Phase.RUNTIME,
          "build_requires", Phase.BUILD,
          "configure_requires", Phase.CONFIGURE,
          "test_requires", Phase.TEST);

  private static final JsonFactory JSON = new JsonFactory();
  private static final YAMLFactory YAML = new YAMLFactory();

  @Override
  public String name() {
    return "META";
  }

  @Override
  public boolean accepts(Path path) {
    Path name = path.getFileName();
    return name != null && NAMES.contains(name.toString());
  }

  @Override
  public Manifest extract(Path file, ExtractContext context) {
    String text = ManifestText.read(file, context);
    LocatedNode root = parse(file, text);
    if (!root.isMap()) {
      throw new UnreadableManifestException(
          file, "not a CPAN::Meta document (expected a mapping at the top)");
    }
    Reader reader = new Reader(file);
    String spec = root.get("meta-spec").flatMap(n -> n.textAt("version")).orElse("1.0");
    if (spec.startsWith("2")) {
      reader.prereqsV2(root.get("prereqs"), Optional.empty());
      root.get("optional_features").ifPresent(reader::featuresV2);
    } else {
      reader.prereqsV14(root, Optional.empty());
      root.get("optional_features").ifPresent(reader::featuresV14);
    }
    if (root.textAt("name").isEmpty()) {
      reader.problem(root, "no 'name' (the distribution name is required by CPAN::Meta::Spec)");
    }
    return new Manifest(
        file,
        file.getFileName().toString(),
        Optional.of(reader.project(root, spec)),
        reader.dependencies,
        List.of(),
        reader.problems);
  }

  /**
   * Reads a CPAN::Meta::Spec version 2 {@code prereqs} mapping that stands inside another document
   * (one line of a dependency dump, a MetaCPAN release): its dependencies and problems, located in
   * {@code file} at the node's own lines. A node that is not a mapping is a problem, not an empty
   * list.
   */
  public static Manifest prereqsV2(Path file, LocatedNode prereqs) {
    Reader reader = new Reader(file);
    if (prereqs.isMap()) {
      reader.prereqsV2(Optional.of(prereqs), Optional.empty());
    } else {
      reader.problem(
          prereqs, "'prereqs' is not a mapping (expected {\"runtime\": {\"requires\": {...}}})");
    }
    return new Manifest(
        file, "META prereqs", Optional.empty(), reader.dependencies, List.of(), reader.problems);
  }

  private static LocatedNode parse(Path file, String text) {
    boolean yaml = file.getFileName().toString().endsWith(".yml");
    try (JsonParser parser = (yaml ? YAML : JSON).createParser(text)) {
      return LocatedNode.read(parser);
    } catch (JsonProcessingException e) {
      throw new UnreadableManifestException(
          file,
          "line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": not valid "
              + (yaml ? "YAML" : "JSON")
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new UnreadableManifestException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  /** Collects dependencies and problems while walking one document. */
  private static final class Reader {
    private final Path file;
    private final List<Dependency> dependencies = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    Reader(Path file) {
      this.file = file;
    }

    void prereqsV2(Optional<LocatedNode> prereqs, Optional<String> feature) {
      for (Map.Entry<String, LocatedNode> phase :
          prereqs.map(LocatedNode::map).orElse(Map.of()).entrySet()) {
        Optional<Phase> p = Phase.fromSpecName(phase.getKey());
        if (p.isEmpty()) {
          if (!phase.getKey().startsWith("x_")) {
            problem(
                phase.getValue(),
                "unknown phase '"
                    + phase.getKey()
                    + "' (expected configure, build, test, runtime, develop)");
          }
          continue;
        }
        for (Map.Entry<String, LocatedNode> rel : phase.getValue().map().entrySet()) {
          Optional<Relationship> r = Relationship.fromSpecName(rel.getKey());
          if (r.isEmpty()) {
            if (!rel.getKey().startsWith("x_")) {
              problem(
                  rel.getValue(),
                  "unknown relationship '"
                      + rel.getKey()
                      + "' (expected requires, recommends, suggests, conflicts)");
            }
            continue;
          }
          modules(rel.getValue(), p.get(), r.get(), feature);
        }
      }
    }

    void prereqsV14(LocatedNode root, Optional<String> feature) {
      for (Map.Entry<String, Phase> key : V14_PHASES.entrySet()) {
        Relationship r =
            switch (key.getKey()) {
              case "recommends" -> Relationship.RECOMMENDS;
              case "conflicts" -> Relationship.CONFLICTS;
              default -> Relationship.REQUIRES;
            };
        root.get(key.getKey()).ifPresent(n -> modules(n, key.getValue(), r, feature));
      }
      dependencies.sort((a, b) -> Integer.compare(a.source().line(), b.source().line()));
    }

    void featuresV2(LocatedNode features) {
      for (Map.Entry<String, LocatedNode> f : features.map().entrySet()) {
        prereqsV2(f.getValue().get("prereqs"), Optional.of(f.getKey()));
      }
    }

    void featuresV14(LocatedNode features) {
      for (Map.Entry<String, LocatedNode> f : features.map().entrySet()) {
        prereqsV14(f.getValue(), Optional.of(f.getKey()));
      }
    }

    private void modules(LocatedNode map, Phase phase, Relationship rel, Optional<String> feature) {
      if (!map.isMap()) {
        problem(map, "expected a mapping of module names to versions");
        return;
      }
      for (Map.Entry<String, LocatedNode> e : map.map().entrySet()) {
        LocatedNode v = e.getValue();
        SourceLocation at = SourceLocation.of(file, v.line(), 0);
        ModuleName module;
        try {
          module = ModuleName.of(e.getKey());
        } catch (IllegalArgumentException ex) {
          problem(v, ex.getMessage());
          continue;
        }
        VersionSpec spec =
            v.text()
                .map(VersionSpec::requirement)
                .orElseGet(() -> VersionSpec.unknown("", "version is not a string"));
        if (spec instanceof VersionSpec.Unknown u) {
          problem(v, module + ": " + u.reason());
        }
        dependencies.add(Dependency.module(module, spec, phase, rel, feature, at));
      }
    }

    ProjectInfo project(LocatedNode root, String spec) {
      Optional<LocatedNode> resources = root.get("resources");
      boolean v2 = spec.startsWith("2");
      return new ProjectInfo(
          root.textAt("name").orElse(""),
          root.textAt("version").map(VersionSpec::exactOf),
          root.textAt("abstract"),
          root.get("author").map(LocatedNode::texts).orElse(List.of()),
          root.get("license").map(LocatedNode::texts).orElse(List.of()),
          resources.flatMap(r -> r.textAt("homepage")),
          resources.flatMap(
              r -> v2 ? r.get("repository").flatMap(x -> x.textAt("url")) : r.textAt("repository")),
          resources.flatMap(
              r ->
                  v2 ? r.get("bugtracker").flatMap(x -> x.textAt("web")) : r.textAt("bugtracker")));
    }

    void problem(LocatedNode at, String message) {
      problems.add(new Problem(SourceLocation.of(file, at.line(), at.column()), message));
    }
  }
}
