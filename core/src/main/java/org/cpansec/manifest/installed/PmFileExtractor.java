package org.cpansec.manifest.installed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpansec.cpan.ModuleName;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Extractor;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.ManifestText;
import org.cpansec.manifest.Phase;
import org.cpansec.manifest.Problem;
import org.cpansec.manifest.Relationship;
import org.cpansec.manifest.SourceLocation;
import org.cpansec.manifest.VersionSpec;

/**
 * One installed {@code .pm} file on its own: every package it declares, at the version read
 * statically. {@link InstalledTrees} uses {@link #module} to read a file as the module its path
 * names.
 */
public final class PmFileExtractor implements Extractor {

  @Override
  public String name() {
    return "installed module";
  }

  @Override
  public boolean accepts(Path path) {
    Path n = path.getFileName();
    return n != null && n.toString().endsWith(".pm");
  }

  @Override
  public Manifest extract(Path file, ExtractContext context) {
    PmScanner.Result r = PmScanner.scan(ManifestText.read(file, context).lines().toList());
    List<Dependency> deps = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (String pkg : r.packages()) {
      if (pkg.equals("main")) {
        continue;
      }
      PmScanner.Found f = r.versions().get(pkg);
      VersionSpec v =
          f == null ? VersionSpec.unknown("", "package " + pkg + " has no $VERSION") : f.version();
      moduleName(pkg, file, problems)
          .ifPresent(
              m -> deps.add(installed(m, v, SourceLocation.of(file, f == null ? 0 : f.line(), 0))));
    }
    return new Manifest(file, name(), Optional.empty(), deps, List.of(), problems);
  }

  /** The version of {@code module} as the file at {@code file} declares it. */
  static Dependency module(ModuleName module, Path file, List<String> lines) {
    PmScanner.Result r = PmScanner.scan(lines);
    PmScanner.Found f = r.versions().get(module.value());
    VersionSpec v;
    if (f == null || f.line() == 0) {
      v =
          r.packages().contains(module.value())
              ? VersionSpec.unknown("", "package " + module + " has no $VERSION")
              : VersionSpec.unknown("", "the file does not declare package " + module);
    } else {
      v = f.version();
    }
    return installed(module, v, SourceLocation.of(file, f == null ? 0 : f.line(), 0));
  }

  private static Dependency installed(ModuleName m, VersionSpec v, SourceLocation at) {
    return Dependency.module(m, v, Phase.RUNTIME, Relationship.REQUIRES, Optional.empty(), at);
  }

  private static Optional<ModuleName> moduleName(String pkg, Path file, List<Problem> problems) {
    try {
      return Optional.of(ModuleName.of(pkg.replace("'", "::")));
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(SourceLocation.wholeFile(file), e.getMessage()));
      return Optional.empty();
    }
  }
}
