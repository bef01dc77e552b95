package org.cpansec.sbom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.ProjectInfo;
import org.cpansec.manifest.meta.MetaExtractor;

/**
 * What the releases Carton installed say about themselves: cpanm keeps each one's {@code
 * MYMETA.json} in {@code local/lib/perl5/ARCH/.meta/Dist-Name-1.23/}. That is where a dependency's
 * licence and repository come from; without {@code local/} they stay unknown.
 */
final class InstalledMeta {
  private final Map<String, ProjectInfo> byRelease = new HashMap<>();

  private InstalledMeta() {}

  /** The install records under {@code projectDir/local/lib/perl5/}, if it exists. */
  static InstalledMeta read(Path projectDir) {
    InstalledMeta meta = new InstalledMeta();
    Path perl5 = projectDir.resolve("local/lib/perl5");
    if (!Files.isDirectory(perl5)) {
      return meta;
    }
    MetaExtractor extractor = new MetaExtractor();
    ExtractContext context = ExtractContext.defaults();
    for (Path file : metaFiles(perl5)) {
      String release = file.getParent().getFileName().toString();
      extractor.extract(file, context).project().ifPresent(p -> meta.byRelease.put(release, p));
    }
    return meta;
  }

  private static List<Path> metaFiles(Path perl5) {
    try (Stream<Path> arch = Files.list(perl5)) {
      return arch.map(a -> a.resolve(".meta"))
          .filter(Files::isDirectory)
          .flatMap(InstalledMeta::list)
          .map(release -> release.resolve("MYMETA.json"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + perl5 + ": " + e.getMessage(), e);
    }
  }

  private static Stream<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The META of the installed release {@code Dist-Name-version}, when there is one. */
  Optional<ProjectInfo> of(String distribution, String version) {
    return Optional.ofNullable(byRelease.get(distribution + "-" + version));
  }
}
