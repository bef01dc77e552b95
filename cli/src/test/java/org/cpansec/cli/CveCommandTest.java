package org.cpansec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CveCommandTest {
  private static final Path TVAR = Path.of("../core/src/test/resources/datapack/cna/t-var");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void checkBuildEmitAnnounceOverADataRoot(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("cves"));
    Files.copy(TVAR.resolve("CVE-2025-40916.yaml"), root.resolve("cves/CVE-2025-40916.yaml"));
    assertThat(run("cve", "--root", root.toString(), "check", "CVE-2025-40916")).isEqualTo(0);
    assertThat(run("cve", "--root", root.toString(), "check", "--strict", "CVE-2025-40916"))
        .isEqualTo(1);
    assertThat(run("cve", "--root", root.toString(), "build", "CVE-2025-40916")).isEqualTo(0);
    assertThat(root.resolve("cves/CVE-2025-40916.json")).exists();
    assertThat(
            run("cve", "--root", root.toString(), "emit", "--cna-container-only", "CVE-2025-40916"))
        .isEqualTo(0);
    assertThat(out.toString())
        .contains("\"packageName\" : \"Mojolicious-Plugin-CaptchaPNG\"")
        .doesNotContain("cveMetadata");
    assertThat(run("cve", "--root", root.toString(), "emit", "--format", "osv", "CVE-2025-40916"))
        .isEqualTo(0);
    assertThat(out.toString()).contains("\"ecosystem\" : \"CPAN\"", "\"versions\" : [ \"1.05\" ]");
    assertThat(run("cve", "--root", root.toString(), "emit", "--format", "xml", "CVE-2025-40916"))
        .isEqualTo(2);
    assertThat(run("cve", "--root", root.toString(), "announce", "--write", "CVE-2025-40916"))
        .isEqualTo(0);
    assertThat(Files.readString(root.resolve("announce/CVE-2025-40916.txt")))
        .startsWith("Subject: CVE-2025-40916: ");
  }

  @Test
  void invalidRecordIsBlockingAndNeverBuilt(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("cves"));
    Files.writeString(
        root.resolve("cves/CVE-2025-40916.yaml"),
        Files.readString(TVAR.resolve("CVE-2025-40916.yaml"))
            .replace("author: GRYPHON", "author: gryphon"));
    assertThat(run("cve", "--root", root.toString(), "check", "--format", "json", "CVE-2025-40916"))
        .isEqualTo(1);
    assertThat(out.toString()).contains("\"line\" : 7");
    assertThat(run("cve", "--root", root.toString(), "build", "CVE-2025-40916")).isEqualTo(2);
    assertThat(err.toString()).contains("CVE-2025-40916.yaml:7:3: cpansec.author");
    assertThat(root.resolve("cves/CVE-2025-40916.json")).doesNotExist();
  }

  @Test
  void buildAllWritesEveryGoodRecordAndNamesTheBadOnes(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("cves"));
    Files.copy(TVAR.resolve("CVE-2025-40916.yaml"), root.resolve("cves/CVE-2025-40916.yaml"));
    Files.copy(TVAR.resolve("CVE-2025-40933.yaml"), root.resolve("cves/CVE-2025-40933.yaml"));
    Files.writeString(
        root.resolve("cves/CVE-2025-40906.yaml"),
        Files.readString(TVAR.resolve("CVE-2025-40906.yaml")).replace("author: ", "author: x"));
    assertThat(run("cve", "--root", root.toString(), "build", "--all")).isEqualTo(2);
    assertThat(out.toString()).contains("wrote 2 of 3 record(s)");
    assertThat(err.toString())
        .contains("CVE-2025-40906.yaml:")
        .contains("1 record(s) not built")
        .doesNotContain("CVE-2025-40916.yaml:");
    assertThat(root.resolve("cves/CVE-2025-40916.json")).exists();
    assertThat(root.resolve("cves/CVE-2025-40933.json")).exists();
    assertThat(root.resolve("cves/CVE-2025-40906.json")).doesNotExist();
  }

  @Test
  void importWritesYamlAndPhrasePrints(@TempDir Path root) throws Exception {
    assertThat(
            run(
                "cve",
                "--root",
                root.toString(),
                "import",
                TVAR.resolve("CVE-2025-40933.source.json").toString()))
        .isEqualTo(0);
    assertThat(root.resolve("cves/CVE-2025-40933.yaml")).exists();
    assertThat(run("cve", "phrase", "<= 1.0", "1.2 <= 1.3")).isEqualTo(0);
    assertThat(out.toString()).contains("versions through 1.0, from 1.2 through 1.3");
    assertThat(run("cve", "phrase", "1.2 <= x")).isEqualTo(2);
  }
}
