package org.cpansec.manifest.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cpansec.manifest.Datapack;
import org.cpansec.manifest.UnreadableManifestException;
import org.cpansec.manifest.detect.ManifestDetector.Detected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestDetectorTest {
  private final ManifestDetector detector = ManifestDetector.standard();

  private static List<String> describe(Path root, List<Detected> found) {
    return found.stream()
        .map(
            d ->
                root.relativize(d.file())
                    + " "
                    + d.extractor().name()
                    + (d.isPrimary()
                        ? ""
                        : " (covered by " + root.relativize(d.coveredBy().orElseThrow()) + ")"))
        .toList();
  }

  @Test
  void snapshotIsPreferredAndTheOtherManifestsAreStillReported() {
    Path root = Datapack.project("Corion__Filesys-DB");
    assertThat(describe(root, detector.detect(root)))
        .containsExactly(
            "cpanfile.snapshot cpanfile.snapshot",
            "cpanfile cpanfile (covered by cpanfile.snapshot)",
            "META.json META (covered by cpanfile.snapshot)",
            "META.yml META (covered by cpanfile.snapshot)");
  }

  @Test
  void findsManifestsInSubdirectories() {
    Path root = Datapack.project("miyagawa__cpanminus");
    List<String> found = describe(root, detector.detect(root));
    assertThat(found)
        .contains(
            "App-cpanminus/cpanfile cpanfile",
            "App-cpanminus/META.json META",
            "App-cpanminus/fatpack-build/cpanfile.snapshot cpanfile.snapshot",
            "App-cpanminus/fatpack-build/cpanfile cpanfile (covered by App-cpanminus/fatpack-build/cpanfile.snapshot)")
        .hasSize(10);
  }

  @Test
  void skipsInstalledAndVendoredDirectories(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("cpanfile"), "requires 'A';\n");
    Files.createDirectories(dir.resolve("local/lib/perl5"));
    Files.writeString(dir.resolve("local/lib/perl5/cpanfile"), "requires 'B';\n");
    Files.writeString(dir.resolve("bom.json"), "{}");
    assertThat(describe(dir, detector.detect(dir)))
        .containsExactly("bom.json CycloneDX JSON", "cpanfile cpanfile");
    assertThatThrownBy(() -> detector.detect(dir.resolve("cpanfile")))
        .isInstanceOf(UnreadableManifestException.class);
  }

  @Test
  void registryFindsTheExtractorForAFile() {
    assertThat(Extractors.forFile(Path.of("x/MYMETA.yml")).orElseThrow().name()).isEqualTo("META");
    assertThat(Extractors.forFile(Path.of("lib/Foo.pm")).orElseThrow().name())
        .isEqualTo("installed module");
    assertThat(Extractors.forFile(Path.of("Makefile.PL"))).isEmpty();
  }
}
