package org.cpansec.manifest.detect;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.cpansec.manifest.Extractor;
import org.cpansec.manifest.cpanfile.CpanfileExtractor;
import org.cpansec.manifest.installed.PmFileExtractor;
import org.cpansec.manifest.meta.MetaExtractor;
import org.cpansec.manifest.sbom.CycloneDxJsonExtractor;
import org.cpansec.manifest.sbom.CycloneDxXmlExtractor;
import org.cpansec.manifest.sbom.SpdxJsonExtractor;
import org.cpansec.manifest.snapshot.SnapshotExtractor;

/** Every extractor, in order of preference: exact versions (lock file, SBOM) before ranges. */
public final class Extractors {
  /** The project manifests a directory is searched for. */
  public static final List<Extractor> PROJECT =
      List.of(
          new SnapshotExtractor(),
          new CycloneDxJsonExtractor(),
          new CycloneDxXmlExtractor(),
          new SpdxJsonExtractor(),
          new CpanfileExtractor(),
          new MetaExtractor());

  /**
   * All extractors, including the single installed-module reader (never used to walk a project).
   */
  public static final List<Extractor> ALL =
      List.of(
          PROJECT.get(0),
          PROJECT.get(1),
          PROJECT.get(2),
          PROJECT.get(3),
          PROJECT.get(4),
          PROJECT.get(5),
          new PmFileExtractor());

  private Extractors() {}

  /** The first extractor that accepts {@code file}'s name. */
  public static Optional<Extractor> forFile(Path file) {
    return ALL.stream().filter(e -> e.accepts(file)).findFirst();
  }
}
