package org.cpansec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cpansec deps} on real projects of the data pack; outputs compared to golden files. */
class DepsCommandTest {
  private static final String PROJECTS = "../core/src/test/resources/datapack/projects/";

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }

  private static String golden(String name) throws IOException {
    return Files.readString(Path.of("src/test/resources/golden/" + name));
  }

  @Test
  void textListsEveryManifestDependencyAndProblem() throws IOException {
    Run r = run("deps", PROJECTS + "briandfoy__cpan-audit");
    assertThat(r.out()).isEqualTo(golden("deps-cpan-audit.txt"));
    assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
  }

  @Test
  void jsonIsTheDocumentedContract() throws IOException {
    Run r = run("deps", PROJECTS + "Code-Hex__p5-List-Flatten-XS", "--format", "json");
    assertThat(r.out()).isEqualTo(golden("deps-list-flatten-xs.json"));
    assertThat(r.exit()).isEqualTo(ExitCode.OK);
    JsonNode first = new ObjectMapper().readTree(r.out()).get("dependencies").get(0);
    assertThat(first.fieldNames())
        .toIterable()
        .contains("module", "requirement", "phase", "relationship");
  }

  @Test
  void targetOsChangesWhichBranchIsRead() {
    String file = PROJECTS + "Corion__Filesys-DB/cpanfile";
    assertThat(run("deps", file).out()).contains("File::ChangeNotify").doesNotContain("Win32");
    assertThat(run("deps", file, "--os", "MSWin32").out())
        .contains("Filesys::Notify::Win32::ReadDirectoryChanges");
  }

  @Test
  void unreadableInputIsOneMessageAndExit3(@TempDir Path dir) throws IOException {
    Run missing = run("deps", dir.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(ExitCode.INPUT);
    assertThat(missing.err())
        .isEqualTo("cpansec: " + dir.resolve("nope") + ": no such file or directory\n");
    Path binary = Files.write(dir.resolve("cpanfile.snapshot"), new byte[] {'#', 0, 1});
    Run bin = run("deps", binary.toString());
    assertThat(bin.exit()).isEqualTo(ExitCode.INPUT);
    assertThat(bin.err()).contains("binary file").doesNotContain("Exception");
    Run badPerl = run("deps", binary.toString(), "--perl", "x.y");
    assertThat(badPerl.exit()).isEqualTo(ExitCode.ERROR);
    assertThat(badPerl.err()).startsWith("cpansec: --perl x.y:");
  }

  @Test
  void installedTreesAreScanned(@TempDir Path lib) throws IOException {
    Files.writeString(lib.resolve("Foo.pm"), "package Foo;\nour $VERSION = '1.5';\n1;\n");
    Run r = run("deps", "--installed", lib.toString(), "--format", "json");
    assertThat(r.exit()).isEqualTo(ExitCode.OK);
    assertThat(r.out())
        .contains("\"module\" : \"Foo\"", "\"requirement\" : \"1.5\"", "\"kind\" : \"exact\"");
  }
}
