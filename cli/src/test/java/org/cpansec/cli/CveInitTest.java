package org.cpansec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CveInitTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void initNeedsAReservationUnlessForced(@TempDir Path root) throws Exception {
    String r = root.toString();
    assertThat(run("cve", "--root", r, "init", "CVE-2026-1234", "Foo::Bar")).isEqualTo(2);
    assertThat(err.toString()).contains("CVE-2026-1234 is not reserved", "--force");
    assertThat(root.resolve("cves/CVE-2026-1234.yaml")).doesNotExist();

    assertThat(run("cve", "--root", r, "init", "--force", "CVE-2026-1234", "Foo::Bar"))
        .isEqualTo(0);
    assertThat(Files.readString(root.resolve("cves/CVE-2026-1234.yaml")))
        .contains("distribution: Foo-Bar\n", "module: Foo::Bar\n", "author: AUTHOR\n");
  }

  @Test
  void initFromReservationThenCheckBlocksOnPlaceholders(@TempDir Path root) throws Exception {
    String r = root.toString();
    Files.createDirectories(root.resolve("reserved"));
    Files.writeString(root.resolve("reserved/CVE-2026-1234"), "");
    assertThat(
            run(
                "cve",
                "--root",
                r,
                "init",
                "--distribution",
                "Foo-Bar-Baz",
                "CVE-2026-1234",
                "Foo::Bar"))
        .isEqualTo(0);
    Path yaml = root.resolve("cves/CVE-2026-1234.yaml");
    assertThat(Files.readString(yaml)).contains("distribution: Foo-Bar-Baz\n");

    assertThat(run("cve", "--root", r, "check", "CVE-2026-1234")).isEqualTo(1);
    assertThat(out.toString()).contains("cpansec.affected.0: 'TODO'");

    Files.writeString(yaml, Files.readString(yaml).replace("- \"TODO\"", "- \"<= 1.0\""));
    assertThat(run("cve", "--root", r, "check", "CVE-2026-1234")).isEqualTo(1);
    assertThat(out.toString()).contains("[placeholder_content]", "author", "repo");
  }

  @Test
  void initNeverOverwritesARecord(@TempDir Path root) throws Exception {
    String r = root.toString();
    Files.createDirectories(root.resolve("cves"));
    Files.writeString(root.resolve("cves/CVE-2026-1234.yaml"), "mine");
    assertThat(run("cve", "--root", r, "init", "--force", "CVE-2026-1234", "Foo::Bar"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("exists already");
    assertThat(Files.readString(root.resolve("cves/CVE-2026-1234.yaml"))).isEqualTo("mine");
    assertThat(run("cve", "--root", r, "init", "--force", "CVE-2026-1234", "Foo-Bar")).isEqualTo(2);
    assertThat(err.toString()).contains("module name");
  }
}
