package org.cpansec.manifest.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cpansec.manifest.Datapack;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.detect.ManifestDetector.Detected;
import org.junit.jupiter.api.Test;

/** Every project of the data pack, detected and read end to end. */
class DatapackProjectsTest {

  @Test
  void everyManifestOfEveryProjectIsDetectedAndRead() throws IOException {
    Path projects = Datapack.path("projects");
    List<Path> dirs;
    try (Stream<Path> s = Files.list(projects)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(dirs).hasSize(24);
    int manifests = 0;
    int dependencies = 0;
    int problems = 0;
    for (Path dir : dirs) {
      List<Detected> found = ManifestDetector.standard().detect(dir);
      assertThat(found).as(dir.getFileName().toString()).isNotEmpty();
      for (Detected d : found) {
        Manifest m = d.extractor().extract(d.file(), ExtractContext.defaults());
        manifests++;
        dependencies += m.dependencies().size();
        problems += m.problems().size();
      }
    }
    // 32 cpanfiles, 12 snapshots, 8 META files; the problems are the malformed cpan-audit
    // snapshot entry, cpan-audit's 'development' phase and cpanminus's bad-app cpanfile.
    assertThat(manifests).isEqualTo(52);
    assertThat(problems).isEqualTo(3);
    assertThat(dependencies).isGreaterThan(10_000);
  }
}
