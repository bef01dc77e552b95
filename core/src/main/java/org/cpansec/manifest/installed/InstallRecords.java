package org.cpansec.manifest.installed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cpansec.cpan.CpanPathname;
import org.cpansec.cpan.DistName;
import org.cpansec.cpan.ModuleName;
import org.cpansec.cpan.PauseId;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.LocatedNode;
import org.cpansec.manifest.ManifestText;
import org.cpansec.manifest.Problem;
import org.cpansec.manifest.Provided;
import org.cpansec.manifest.SourceLocation;
import org.cpansec.manifest.VersionSpec;

/**
 * Reads cpanm's install records ({@code ARCHLIB/.meta/DIST-VERSION/install.json}): which
 * distribution, by which author, at which version, provided which modules. They turn an installed
 * module into an installed distribution without guessing from its name.
 */
final class InstallRecords {
  private static final JsonFactory JSON = new JsonFactory();

  private InstallRecords() {}

  static boolean isInstallRecord(Path file) {
    Path parent = file.getParent();
    Path meta = parent == null ? null : parent.getParent();
    return file.getFileName().toString().equals("install.json")
        && meta != null
        && meta.getFileName() != null
        && meta.getFileName().toString().equals(".meta");
  }

  /** Adds the record's distribution to {@code deps} and its modules to {@code provides}. */
  static void read(
      Path file,
      ExtractContext context,
      List<Dependency> deps,
      List<Provided> provides,
      List<Problem> problems) {
    LocatedNode root;
    try (JsonParser parser = JSON.createParser(ManifestText.read(file, context))) {
      root = LocatedNode.read(parser);
    } catch (IOException e) {
      problems.add(
          new Problem(
              SourceLocation.wholeFile(file), "not a valid install record: " + e.getMessage()));
      return;
    }
    Optional<CpanPathname> path = root.textAt("pathname").flatMap(p -> pathname(p, file, problems));
    Optional<DistName> dist =
        path.map(CpanPathname::distribution)
            .or(() -> root.textAt("name").flatMap(n -> dist(n, file, problems)));
    if (dist.isEmpty()) {
      problems.add(
          new Problem(
              SourceLocation.wholeFile(file),
              "install record names no distribution (expected \"pathname\" or \"name\")"));
      return;
    }
    Optional<PauseId> author = path.map(CpanPathname::author);
    VersionSpec version =
        root.textAt("version")
            .map(VersionSpec::exactOf)
            .orElseGet(() -> VersionSpec.unknown("", "install record has no version"));
    deps.add(
        Dependency.distribution(
            dist.get(), author, version, SourceLocation.of(file, root.line(), 0)));
    for (Map.Entry<String, LocatedNode> e :
        root.get("provides").map(LocatedNode::map).orElse(Map.of()).entrySet()) {
      try {
        VersionSpec v =
            e.getValue()
                .textAt("version")
                .map(VersionSpec::exactOf)
                .orElseGet(() -> VersionSpec.unknown("", "no version in install record"));
        provides.add(
            new Provided(
                ModuleName.of(e.getKey()),
                dist.get(),
                v,
                SourceLocation.of(file, e.getValue().line(), 0)));
      } catch (IllegalArgumentException ex) {
        problems.add(new Problem(SourceLocation.of(file, e.getValue().line(), 0), ex.getMessage()));
      }
    }
  }

  private static Optional<CpanPathname> pathname(String p, Path file, List<Problem> problems) {
    try {
      return Optional.of(CpanPathname.parse(p));
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(SourceLocation.wholeFile(file), e.getMessage()));
      return Optional.empty();
    }
  }

  private static Optional<DistName> dist(String name, Path file, List<Problem> problems) {
    try {
      return Optional.of(DistName.of(name));
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(SourceLocation.wholeFile(file), e.getMessage()));
      return Optional.empty();
    }
  }
}
