package org.cpansec.cpan.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.cpansec.manifest.Phase;
import org.cpansec.manifest.Relationship;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyDumpTest {
  @TempDir Path dir;

  static Path projects() throws Exception {
    return Path.of(DependencyDumpTest.class.getResource("/datapack/projects").toURI());
  }

  @Test
  void badLinesAreRejectedWithTheirLineNumberAndTheRestIsRead() throws Exception {
    Path dump =
        write(
            "dump.jsonl",
            """
            {"distribution":"Foo-Bar","version":"1.2","prereqs":{"runtime":{"requires":{"Baz":"0"}}}}

            this is not json
            ["an", "array"]
            {"version":"1.0"}
            {"distribution":"Foo::Bar","version":"1.0"}
            {"distribution":"Qux","version":"2","prereqs":"runtime"}
            {"distribution":"Quux","version":"3","prereqs":{"runtime":{"requires":{"Baz":"1"}}}} {}
            {"distribution":"NoPrereqs","version":"0.01"}
            {"distribution":"NoVersion","prereqs":{"test":{"requires":{"Test::More":"0.98"}}}}
            """);

    DependencyDump d = DependencyDump.readJsonLines(dump);

    assertThat(d.entries()).isEqualTo(9);
    assertThat(d.releases())
        .extracting(Release::distribution)
        .containsExactly("Foo-Bar", "NoPrereqs", "NoVersion");
    assertThat(d.rejectedCount()).isEqualTo(6);
    assertThat(d.rejected()).extracting(IndexProblem::line).containsExactly(3, 4, 5, 6, 7, 8);
    assertThat(d.rejected()).allMatch(IndexProblem::rejected);
    assertThat(d.rejected().get(0).toString())
        .startsWith("dump.jsonl:3: not valid JSON at column ")
        .contains("expected one release per line: {\"distribution\":\"Foo-Bar\"");
    assertThat(d.rejected().get(1).message()).startsWith("not a JSON object;");
    assertThat(d.rejected().get(2).message()).startsWith("no \"distribution\" name;");
    assertThat(d.rejected().get(3).message()).contains("is a module name, not a distribution name");
    assertThat(d.rejected().get(4).message()).contains("\"prereqs\" is not an object");
    assertThat(d.rejected().get(5).message()).startsWith("more than one JSON value on the line");
    assertThat(d.warningCount()).isEqualTo(1);
    assertThat(d.warnings().get(0).toString())
        .isEqualTo("dump.jsonl:10: NoVersion: no version; imported without one");

    Release foo = d.releases().get(0);
    assertThat(foo.version()).contains("1.2");
    assertThat(foo.location()).isEqualTo("dump.jsonl:1");
    assertThat(foo.requirements())
        .containsExactly(new Requirement("Baz", Phase.RUNTIME, Relationship.REQUIRES, "0"));
    assertThat(d.releases().get(2).requirements())
        .containsExactly(new Requirement("Test::More", Phase.TEST, Relationship.REQUIRES, "0.98"));
  }

  @Test
  void badPartsOfAReleaseAreLeftOutWithAWarningAndTheReleaseKept() throws Exception {
    Path dump =
        write(
            "dump.jsonl",
            """
            {"distribution":"A","version":"1","prereqs":{"runtime":{"requires":{"Good::One":"0","Bad Name":"1"}},"deploy":{"requires":{"X":"0"}},"x_custom":{}}}
            {"distribution":"A","version":"2","prereqs":{"build":{"requires":{"Good::Two":">= 1, < 2"}}}}
            """);

    DependencyDump d = DependencyDump.readJsonLines(dump);

    assertThat(d.rejectedCount()).isZero();
    assertThat(d.warnings())
        .extracting(IndexProblem::toString)
        .containsExactly(
            "dump.jsonl:1: A: prereqs: not a module name: 'Bad Name' (expected identifiers"
                + " separated by '::', e.g. Foo::Bar) (left out)",
            "dump.jsonl:1: A: prereqs: unknown phase 'deploy' (expected configure, build, test,"
                + " runtime, develop) (left out)",
            "dump.jsonl:2: A was already read at dump.jsonl:1; this entry replaces it");
    assertThat(d.releases()).hasSize(1);
    assertThat(d.releases().get(0).version()).contains("2");
    assertThat(d.releases().get(0).requirements())
        .containsExactly(
            new Requirement("Good::Two", Phase.BUILD, Relationship.REQUIRES, ">= 1, < 2"));
  }

  @Test
  void aGzippedDumpIsRecognisedByItsBytesWhateverItsName() throws Exception {
    Path gz = dir.resolve("upload.bin");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("{\"distribution\":\"Foo\",\"version\":\"1\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(DependencyDump.read(gz).releases())
        .extracting(Release::distribution)
        .containsExactly("Foo");
  }

  @Test
  void aMissingDumpCannotBeReadAtAll() {
    assertThatThrownBy(() -> DependencyDump.read(dir.resolve("nope.jsonl")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("nope.jsonl: cannot read the dependency dump");
  }

  @Test
  void readsTheRealMetaFilesOfTheDataPackProjects() throws Exception {
    DependencyDump d = DependencyDump.readMetaDirectory(projects());

    // Filesys-DB and exiftool ship META.json and META.yml: only META.json is read.
    assertThat(d.entries()).isEqualTo(6);
    assertThat(d.rejectedCount()).isZero();
    assertThat(d.releases())
        .extracting(Release::distribution)
        .containsExactly(
            "App-cpanminus",
            "Filesys-DB",
            "Image-ExifTool",
            "List-Flatten-XS",
            "Plack",
            "libwww-perl");
    Release plack = d.releases().get(4);
    assertThat(plack.source()).isEqualTo("plack__Plack/META.json");
    assertThat(plack.version()).contains("1.0054");
    assertThat(plack.requirements())
        .contains(
            new Requirement("HTTP::Message", Phase.RUNTIME, Relationship.REQUIRES, "5.814"),
            new Requirement("LWP::UserAgent", Phase.RUNTIME, Relationship.SUGGESTS, "5.814"),
            new Requirement("Test::More", Phase.TEST, Relationship.REQUIRES, "0.88"));
    assertThat(plack.requirements().stream().filter(Requirement::isInstallDependency))
        .extracting(Requirement::module)
        .doesNotContain("perl", "LWP::UserAgent", "Dist::Milla");
  }

  @Test
  void aMetaYmlAloneIsReadAsSpec14AndABrokenFileIsRejectedByName() throws Exception {
    Path yml = dir.resolve("Filesys-DB/META.yml");
    Files.createDirectories(yml.getParent());
    Files.copy(projects().resolve("Corion__Filesys-DB/META.yml"), yml);
    Path broken = dir.resolve("Broken/META.json");
    Files.createDirectories(broken.getParent());
    Files.writeString(broken, "{\"name\": \"Broken\", \"prereqs\": ");
    Path nameless = dir.resolve("Nameless/META.json");
    Files.createDirectories(nameless.getParent());
    Files.writeString(nameless, "{\"meta-spec\":{\"version\":2},\"version\":\"1\"}");

    DependencyDump d = DependencyDump.read(dir);

    assertThat(d.entries()).isEqualTo(3);
    assertThat(d.releases()).extracting(Release::distribution).containsExactly("Filesys-DB");
    assertThat(d.releases().get(0).requirements())
        .contains(
            new Requirement("Moo", Phase.RUNTIME, Relationship.REQUIRES, "2"),
            new Requirement("Test::Deep", Phase.BUILD, Relationship.REQUIRES, "0"));
    assertThat(d.rejected())
        .extracting(IndexProblem::toString)
        .satisfiesExactly(
            p -> assertThat(p).startsWith("Broken/META.json: line 1, column ").contains("JSON"),
            p ->
                assertThat(p)
                    .isEqualTo(
                        "Nameless/META.json: no 'name' (the distribution name"
                            + " CPAN::Meta::Spec requires)"));
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  static List<String> names(List<Dependent> ds) {
    return ds.stream().map(Dependent::distribution).toList();
  }
}
