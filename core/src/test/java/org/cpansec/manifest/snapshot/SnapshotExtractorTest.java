package org.cpansec.manifest.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.cpansec.cpan.DistName;
import org.cpansec.cpan.ModuleName;
import org.cpansec.cpan.PauseId;
import org.cpansec.manifest.Datapack;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.UnreadableManifestException;
import org.cpansec.manifest.VersionSpec;
import org.cpansec.version.PerlVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnapshotExtractorTest {
  private final SnapshotExtractor extractor = new SnapshotExtractor();

  private Manifest read(String project) {
    return extractor.extract(
        Datapack.project(project + "/cpanfile.snapshot"), ExtractContext.defaults());
  }

  /** Distribution counts are those of the data pack's SOURCES.tsv / README. */
  @ParameterizedTest
  @CsvSource({
    "metacpan__metacpan-api, 369",
    "metacpan__metacpan-web, 239",
    "metacpan__metacpan-ingest, 171",
    "GlobalNOC__tsds-services, 160",
    "HKS3__HKS3-Koha-Tools, 153",
    "Corion__Filesys-DB, 124",
    "Getty__p5-app-raider, 124",
    "Clinical-Genomics__MIP, 98",
    "DK-Hostmaster__rdap-demo-client-mojolicious, 60",
    "miyagawa__cpanminus/App-cpanminus/fatpack-build, 51",
    "Code-Hex__p5-List-Flatten-XS, 25",
  })
  void readsEveryRealSnapshotWithoutProblems(String project, int distributions) {
    Manifest m = read(project);
    assertThat(m.problems()).isEmpty();
    List<Dependency> locked = m.directDependencies();
    assertThat(locked).hasSize(distributions);
    assertThat(locked)
        .allSatisfy(
            d -> {
              assertThat(d.version()).isInstanceOf(VersionSpec.Exact.class);
              assertThat(d.author()).isPresent();
            });
  }

  @Test
  void keepsAuthorDistributionExactVersionAndLine() throws IOException {
    Path file = Datapack.project("metacpan__metacpan-api/cpanfile.snapshot");
    Manifest m = read("metacpan__metacpan-api");
    Dependency plack = only(m, "Plack");
    assertThat(plack.author()).contains(PauseId.of("MIYAGAWA"));
    assertThat(((VersionSpec.Exact) plack.version()).version().toString())
        .isEqualTo(versionInFile(file, "Plack"));
    assertThat(Files.readAllLines(file).get(plack.source().line() - 1).strip())
        .startsWith("Plack-");
  }

  @Test
  void readsProvidesAndTheRequirementGraph() {
    Manifest m = read("briandfoy__cpan-audit/t/data/carton");
    assertThat(m.provides())
        .anySatisfy(
            p -> {
              assertThat(p.module()).isEqualTo(ModuleName.of("Class::Inspector::Functions"));
              assertThat(p.distribution()).isEqualTo(DistName.of("Class-Inspector"));
              assertThat(p.version()).isEqualTo(VersionSpec.exact(PerlVersion.parse("1.32")));
            });
    List<Dependency> edges =
        m.dependencies().stream()
            .filter(d -> d.requiredBy().equals(Optional.of(DistName.of("Class-Inspector"))))
            .toList();
    assertThat(edges)
        .extracting(Dependency::name)
        .containsExactly("ExtUtils::MakeMaker", "File::Spec", "perl");
    assertThat(edges.get(1).version().written()).isEqualTo("0.80");
  }

  @Test
  void reportsTheMalformedEntryWithItsLineAndReadsTheRest() {
    Manifest m = read("briandfoy__cpan-audit/t/data/carton");
    assertThat(m.problems()).hasSize(1);
    assertThat(m.problems().get(0).location().line()).isEqualTo(23);
    assertThat(m.problems().get(0).message()).contains("'Invalid'");
    assertThat(m.directDependencies())
        .extracting(Dependency::name)
        .containsExactly("Apache-LogFormat-Compiler", "Class-Inspector", "Invalid");
    assertThat(only(m, "Invalid").version()).isInstanceOf(VersionSpec.Unknown.class);
  }

  @Test
  void refusesWhatIsNotASnapshot(@TempDir Path dir) throws IOException {
    Path notSnapshot = Files.writeString(dir.resolve("cpanfile.snapshot"), "requires 'Foo';\n");
    assertThatThrownBy(() -> extractor.extract(notSnapshot, ExtractContext.defaults()))
        .isInstanceOf(UnreadableManifestException.class)
        .hasMessageContaining("line 1: not a Carton snapshot");
    Path big = Datapack.project("metacpan__metacpan-api/cpanfile.snapshot");
    assertThatThrownBy(() -> extractor.extract(big, ExtractContext.defaults().withMaxBytes(1000)))
        .hasMessageContaining("larger than the limit of 1000 bytes");
  }

  @Test
  void truncatedSnapshotKeepsWhatWasRead(@TempDir Path dir) throws IOException {
    String full =
        Files.readString(Datapack.project("briandfoy__cpan-audit/t/data/carton/cpanfile.snapshot"));
    Path cut =
        Files.writeString(
            dir.resolve("cpanfile.snapshot"),
            full.substring(0, full.indexOf("\n", full.indexOf("  Class-Inspector")) + 1));
    Manifest m = extractor.extract(cut, ExtractContext.defaults());
    assertThat(m.directDependencies())
        .extracting(Dependency::name)
        .containsExactly("Apache-LogFormat-Compiler", "Class-Inspector");
    assertThat(m.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("no pathname"));
  }

  /** Property: a damaged snapshot gives problems, never an exception other than "unreadable". */
  @Test
  void damagedSnapshotsNeverThrow(@TempDir Path dir) throws IOException {
    String base =
        Files.readString(
            Datapack.project("DK-Hostmaster__rdap-demo-client-mojolicious/cpanfile.snapshot"));
    java.util.Random random = new java.util.Random(20261124L);
    Path file = dir.resolve("cpanfile.snapshot");
    for (int i = 0; i < 300; i++) {
      StringBuilder s = new StringBuilder(base);
      for (int e = 0; e < 1 + random.nextInt(10); e++) {
        int at = random.nextInt(s.length());
        if (random.nextBoolean()) {
          s.insert(at, " \n:-/_#.0aZ".charAt(random.nextInt(11)));
        } else {
          s.deleteCharAt(at);
        }
      }
      Files.writeString(file, s);
      try {
        Manifest m = extractor.extract(file, ExtractContext.defaults());
        assertThat(m.directDependencies().size() + m.problems().size()).isPositive();
      } catch (UnreadableManifestException expected) {
        assertThat(expected.getMessage()).contains("line 1: not a Carton snapshot");
      }
    }
  }

  private static Dependency only(Manifest m, String dist) {
    return m.directDependencies().stream()
        .filter(d -> d.name().equals(dist))
        .reduce(
            (a, b) -> {
              throw new AssertionError("two " + dist);
            })
        .orElseThrow();
  }

  private static String versionInFile(Path file, String dist) throws IOException {
    try (Stream<String> lines = Files.lines(file)) {
      return lines
          .filter(l -> l.matches("    pathname: .*/" + dist + "-[0-9][^-]*\\.tar\\.gz"))
          .map(l -> l.substring(l.lastIndexOf('-') + 1, l.length() - ".tar.gz".length()))
          .findFirst()
          .orElseThrow();
    }
  }
}
