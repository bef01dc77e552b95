package org.cpansec.manifest.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cpansec.manifest.Datapack;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.Phase;
import org.cpansec.manifest.ProjectInfo;
import org.cpansec.manifest.Relationship;
import org.cpansec.manifest.UnreadableManifestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetaExtractorTest {
  private final MetaExtractor extractor = new MetaExtractor();

  private Manifest read(String file) {
    return extractor.extract(Datapack.project(file), ExtractContext.defaults());
  }

  /**
   * Counts are the module entries under {@code prereqs} (v2) or the 1.4 prerequisite keys, as
   * counted independently with Python's json and PyYAML.
   */
  @ParameterizedTest
  @CsvSource({
    "Code-Hex__p5-List-Flatten-XS/META.json, List-Flatten-XS, 12",
    "Corion__Filesys-DB/META.json, Filesys-DB, 26",
    "Corion__Filesys-DB/META.yml, Filesys-DB, 26",
    "exiftool__exiftool/META.json, Image-ExifTool, 14",
    "exiftool__exiftool/META.yml, Image-ExifTool, 14",
    "libwww-perl__libwww-perl/META.json, libwww-perl, 69",
    "miyagawa__cpanminus/App-cpanminus/META.json, App-cpanminus, 19",
    "plack__Plack/META.json, Plack, 45",
  })
  void readsEveryRealMetaFile(String file, String name, int dependencies) {
    Manifest m = read(file);
    assertThat(m.problems()).isEmpty();
    assertThat(m.project()).map(ProjectInfo::name).contains(name);
    assertThat(m.dependencies()).hasSize(dependencies);
  }

  @Test
  void v2PrereqsKeepPhaseRelationshipAndLine() throws IOException {
    Path file = Datapack.project("Code-Hex__p5-List-Flatten-XS/META.json");
    Manifest m = read("Code-Hex__p5-List-Flatten-XS/META.json");
    Dependency spell = find(m, "Test::Spellunker");
    assertThat(spell.phase()).isEqualTo(Phase.DEVELOP);
    assertThat(spell.relationship()).isEqualTo(Relationship.REQUIRES);
    assertThat(spell.version().written()).isEqualTo("v0.2.7");
    assertThat(Files.readAllLines(file).get(spell.source().line() - 1))
        .contains("Test::Spellunker");
    ProjectInfo p = m.project().orElseThrow();
    assertThat(p.abstractText()).contains("L<List::Flatten> with XS");
    assertThat(p.licenses()).containsExactly("perl_5");
    assertThat(p.authors()).containsExactly("K <x00.x7f@gmail.com>");
  }

  @Test
  void v14KeysMapToPhases() {
    Manifest m = read("Corion__Filesys-DB/META.yml");
    assertThat(find(m, "Test::Deep").phase()).isEqualTo(Phase.BUILD);
    assertThat(find(m, "DBD::SQLite").version().written()).isEqualTo("1.71_01");
    assertThat(find(m, "perl").version().written()).isEqualTo("5.020");
    ProjectInfo p = m.project().orElseThrow();
    assertThat(p.version().orElseThrow().written()).isEqualTo("0.01");
    assertThat(p.repository()).contains("git://github.com/Corion/Filesys-DB.git");
    assertThat(p.bugtracker()).contains("https://github.com/Corion/Filesys-DB/issues");
  }

  @Test
  void badEntriesAreReportedAndBrokenFilesRefused(@TempDir Path dir) throws IOException {
    Path bad =
        Files.writeString(
            dir.resolve("MYMETA.json"),
            """
            {"name": "X", "meta-spec": {"version": 2},
             "prereqs": {"runtime": {"requires": {"Good": "1.0", "Bad Name": "1", "Worse": ">= 1 <"}},
                         "testing": {"requires": {"T": "0"}}}}
            """);
    Manifest m = extractor.extract(bad, ExtractContext.defaults());
    assertThat(m.dependencies()).extracting(Dependency::name).containsExactly("Good", "Worse");
    assertThat(m.problems())
        .extracting(p -> p.location().line() + " " + p.message().split(":")[0])
        .containsExactly(
            "2 not a module name",
            "2 Worse",
            "3 unknown phase 'testing' (expected configure, build, test, runtime, develop)");
    Path broken = Files.writeString(dir.resolve("META.json"), "{\"name\": \"X\",\n \"prereqs\": {");
    assertThatThrownBy(() -> extractor.extract(broken, ExtractContext.defaults()))
        .isInstanceOf(UnreadableManifestException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void optionalFeaturesInBothSpecVersions(@TempDir Path dir) throws IOException {
    Path v2 =
        Files.writeString(
            dir.resolve("META.json"),
            """
            {"name": "X", "version": "1.0", "meta-spec": {"version": "2"},
             "optional_features": {"pg": {"description": "PostgreSQL",
               "prereqs": {"runtime": {"requires": {"DBD::Pg": "3.5.0"}}}}}}
            """);
    Dependency pg = extractor.extract(v2, ExtractContext.defaults()).dependencies().get(0);
    assertThat(pg.feature()).contains("pg");
    assertThat(pg.source().line()).isEqualTo(3);
    Path v14 =
        Files.writeString(
            dir.resolve("META.yml"),
            """
            name: X
            meta-spec:
              version: '1.4'
            optional_features:
              sqlite:
                description: SQLite
                requires:
                  DBD::SQLite: 1.70
            """);
    Dependency lite = extractor.extract(v14, ExtractContext.defaults()).dependencies().get(0);
    assertThat(lite.feature()).contains("sqlite");
    assertThat(lite.version().written()).isEqualTo("1.70");
    assertThat(lite.source().line()).isEqualTo(8);
  }

  private static Dependency find(Manifest m, String module) {
    return m.dependencies().stream().filter(d -> d.name().equals(module)).findFirst().orElseThrow();
  }
}
