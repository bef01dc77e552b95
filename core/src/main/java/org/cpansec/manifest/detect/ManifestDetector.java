package org.cpansec.manifest.detect;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cpansec.manifest.Extractor;
import org.cpansec.manifest.UnreadableManifestException;

/**
 * Finds the manifests of a project directory. Every manifest found is reported; where a directory
 * holds both a {@code cpanfile.snapshot} and a {@code cpanfile}, the snapshot is the source of
 * exact versions and the cpanfile is marked as covered by it (its declared ranges still matter for
 * remediation), as are META files next to a snapshot.
 */
public final class ManifestDetector {
  /** Directories that hold installed or vendored code, not the project's own manifests. */
  private static final Set<String> SKIPPED =
      Set.of(
          ".git",
          "local",
          "blib",
          "node_modules",
          ".build",
          "_build",
          "extlib",
          "fatlib",
          ".carton");

  private final List<Extractor> extractors;
  private final int maxDepth;

  public ManifestDetector(List<Extractor> extractors, int maxDepth) {
    this.extractors = List.copyOf(extractors);
    this.maxDepth = maxDepth;
  }

  /** The project extractors, searching up to 6 directory levels down. */
  public static ManifestDetector standard() {
    return new ManifestDetector(Extractors.PROJECT, 6);
  }

  /**
   * A manifest found.
   *
   * @param coveredBy the lock file whose exact versions take precedence over this manifest's
   *     ranges, when there is one in the same directory
   */
  public record Detected(Path file, Extractor extractor, Optional<Path> coveredBy) {
    public boolean isPrimary() {
      return coveredBy.isEmpty();
    }
  }

  public List<Detected> detect(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new UnreadableManifestException(dir, "not a directory");
    }
    List<Detected> found = new ArrayList<>();
    try {
      Files.walkFileTree(dir, Set.of(), maxDepth, new Visitor(dir, found));
    } catch (IOException e) {
      throw new UnreadableManifestException(dir, "cannot walk directory: " + e.getMessage(), e);
    }
    found.sort(
        Comparator.comparing((Detected d) -> d.file().getParent().toString())
            .thenComparingInt(d -> extractors.indexOf(d.extractor())));
    return markCovered(found);
  }

  private List<Detected> markCovered(List<Detected> found) {
    List<Detected> out = new ArrayList<>(found.size());
    for (Detected d : found) {
      Optional<Path> snapshot =
          found.stream()
              .filter(o -> o.file().getFileName().toString().equals("cpanfile.snapshot"))
              .filter(o -> o.file().getParent().equals(d.file().getParent()))
              .filter(o -> !o.file().equals(d.file()))
              .map(Detected::file)
              .findFirst();
      boolean rangeManifest =
          !d.file().getFileName().toString().equals("cpanfile.snapshot")
              && isRangeManifest(d.extractor());
      out.add(new Detected(d.file(), d.extractor(), rangeManifest ? snapshot : Optional.empty()));
    }
    return out;
  }

  private static boolean isRangeManifest(Extractor e) {
    return e.name().equals("cpanfile") || e.name().equals("META");
  }

  private final class Visitor extends SimpleFileVisitor<Path> {
    private final Path root;
    private final List<Detected> found;

    Visitor(Path root, List<Detected> found) {
      this.root = root;
      this.found = found;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
      boolean skip = !d.equals(root) && SKIPPED.contains(d.getFileName().toString());
      return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      if (attrs.isRegularFile()) {
        extractors.stream()
            .filter(e -> e.accepts(file))
            .findFirst()
            .ifPresent(e -> found.add(new Detected(file, e, Optional.empty())));
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
      throw new UnreadableManifestException(file, "cannot read: " + e.getMessage(), e);
    }
  }
}
