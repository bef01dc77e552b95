package org.cpansec.manifest.installed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cpansec.cpan.ModuleName;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.ManifestText;
import org.cpansec.manifest.Phase;
import org.cpansec.manifest.Problem;
import org.cpansec.manifest.Provided;
import org.cpansec.manifest.Relationship;
import org.cpansec.manifest.SourceLocation;
import org.cpansec.manifest.UnreadableManifestException;
import org.cpansec.manifest.VersionSpec;

/**
 * Scans installed perl library directories: every {@code .pm} below each directory is read as the
 * module its relative path names ({@code Foo/Bar.pm} is {@code Foo::Bar}). A module found in two
 * directories is reported twice: both copies are installed, whichever perl loads first.
 */
public final class InstalledTrees {
  private InstalledTrees() {}

  /** The {@code @INC} of the {@code perl} on PATH (existing directories only). */
  public static List<Path> perlInc() {
    ProcessBuilder pb = new ProcessBuilder("perl", "-e", "print join qq{\\n}, @INC");
    pb.redirectErrorStream(true);
    try {
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new UnreadableManifestException(
            Path.of("perl"), "perl -e 'print @INC' failed: " + out.strip());
      }
      return out.lines()
          .filter(l -> !l.isBlank())
          .map(Path::of)
          .filter(Files::isDirectory)
          .toList();
    } catch (IOException e) {
      throw new UnreadableManifestException(
          Path.of("perl"), "cannot run perl to learn @INC: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreadableManifestException(
          Path.of("perl"), "interrupted while asking perl for @INC", e);
    }
  }

  /** Scans {@code dirs}; one {@link Manifest} whose file is the first directory. */
  public static Manifest scan(List<Path> dirs, ExtractContext context, Progress progress) {
    List<Problem> problems = new ArrayList<>();
    List<Path[]> files = new ArrayList<>();
    Set<Path> roots = new LinkedHashSet<>(dirs.stream().map(InstalledTrees::real).toList());
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        problems.add(new Problem(SourceLocation.wholeFile(root), "not a directory; not scanned"));
        continue;
      }
      collect(root, roots, files, problems);
    }
    List<Dependency> deps = new ArrayList<>(files.size());
    List<Provided> provides = new ArrayList<>();
    int done = 0;
    for (Path[] rootAndFile : files) {
      if (InstallRecords.isInstallRecord(rootAndFile[1])) {
        InstallRecords.read(rootAndFile[1], context, deps, provides, problems);
      } else {
        deps.add(read(rootAndFile[0], rootAndFile[1], context, problems));
      }
      progress.fileRead(++done, files.size(), rootAndFile[1]);
    }
    Path first = roots.isEmpty() ? Path.of(".") : roots.iterator().next();
    return new Manifest(
        first,
        "installed",
        Optional.empty(),
        withDistributions(deps, provides),
        provides,
        problems);
  }

  /** Names the distribution of each module an install record says it provides. */
  private static List<Dependency> withDistributions(
      List<Dependency> deps, List<Provided> provides) {
    if (provides.isEmpty()) {
      return deps;
    }
    Map<ModuleName, Provided> byModule = new HashMap<>();
    provides.forEach(p -> byModule.putIfAbsent(p.module(), p));
    List<Dependency> out = new ArrayList<>(deps.size());
    for (Dependency d : deps) {
      Optional<Provided> p = d.module().map(byModule::get);
      out.add(
          p.isEmpty() || d.distribution().isPresent()
              ? d
              : new Dependency(
                  d.module(),
                  Optional.of(p.get().distribution()),
                  d.author(),
                  d.version(),
                  d.phase(),
                  d.relationship(),
                  d.feature(),
                  d.requiredBy(),
                  d.source()));
    }
    return out;
  }

  /** Resolves symlinks (Debian's /usr/share/perl/5.36 is one) so the walk enters the tree. */
  private static Path real(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize();
    }
  }

  private static void collect(
      Path root, Set<Path> roots, List<Path[]> into, List<Problem> problems) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(
              p -> p.getFileName().toString().endsWith(".pm") || InstallRecords.isInstallRecord(p))
          .filter(p -> !insideOtherRoot(root, p, roots))
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(p -> into.add(new Path[] {root, p}));
    } catch (IOException | UncheckedIOException e) {
      problems.add(
          new Problem(SourceLocation.wholeFile(root), "cannot walk directory: " + e.getMessage()));
    }
  }

  /**
   * The module a path names. Paths that are not module names (e.g. {@code unicore/lib/Age/V11.pm}
   * is one, {@code Foo-Bar/x.pm} is not) cannot be loaded by {@code use} and are still reported, so
   * they are read as the package name their path would have, after replacing what is invalid.
   */
  private static ModuleName moduleOf(String name, Path file, List<Problem> problems) {
    try {
      return ModuleName.of(name);
    } catch (IllegalArgumentException e) {
      ModuleName replaced =
          ModuleName.of(name.replaceAll("[^A-Za-z0-9_:]", "_").replaceAll("^([0-9])", "_$1"));
      problems.add(
          new Problem(
              SourceLocation.wholeFile(file),
              "path does not name a module (" + e.getMessage() + "); reported as " + replaced));
      return replaced;
    }
  }

  /** A nested @INC directory (e.g. an arch dir below a lib dir) is scanned as its own root. */
  private static boolean insideOtherRoot(Path root, Path file, Set<Path> roots) {
    for (Path other : roots) {
      if (!other.equals(root) && other.startsWith(root) && file.startsWith(other)) {
        return true;
      }
    }
    return false;
  }

  private static Dependency read(
      Path root, Path file, ExtractContext context, List<Problem> problems) {
    String rel =
        root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "::");
    String name = rel.substring(0, rel.length() - ".pm".length());
    ModuleName module = moduleOf(name, file, problems);
    try {
      return PmFileExtractor.module(
          module, file, ManifestText.read(file, context).lines().toList());
    } catch (UnreadableManifestException e) {
      problems.add(new Problem(SourceLocation.wholeFile(file), e.getMessage()));
      return Dependency.module(
          module,
          VersionSpec.unknown("", "file could not be read: " + e.getMessage()),
          Phase.RUNTIME,
          Relationship.REQUIRES,
          Optional.empty(),
          SourceLocation.wholeFile(file));
    }
  }
}
