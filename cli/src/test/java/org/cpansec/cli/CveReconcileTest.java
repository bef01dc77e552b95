package org.cpansec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CveReconcileTest {
  private static final Path TVAR = Path.of("../core/src/test/resources/datapack/cna/t-var");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void reportsEachRecordAgainstAFileSource(@TempDir Path root, @TempDir Path published)
      throws Exception {
    Files.createDirectories(root.resolve("cves"));
    for (String cve : new String[] {"CVE-2025-40906", "CVE-2025-40916", "CVE-2025-40933"}) {
      Files.copy(TVAR.resolve(cve + ".yaml"), root.resolve("cves/" + cve + ".yaml"));
    }
    for (String cve : new String[] {"CVE-2025-40906", "CVE-2025-40916"}) {
      Files.copy(TVAR.resolve(cve + ".source.json"), published.resolve(cve + ".json"));
    }
    String base = published.toUri().toString();
    assertThat(run("cve", "--root", root.toString(), "reconcile", "--api-base", base)).isEqualTo(1);
    assertThat(out.toString())
        .contains("CVE-2025-40906: differs\n  title:\n")
        .contains("CVE-2025-40916: in sync\n")
        .contains("CVE-2025-40933: missing remotely\n");
    assertThat(
            run(
                "cve",
                "--root",
                root.toString(),
                "reconcile",
                "--format",
                "json",
                "--api-base",
                base,
                "CVE-2025-40916"))
        .isEqualTo(0);
    assertThat(out.toString()).contains("\"state\" : \"in_sync\"");
    assertThat(run("cve", "--root", root.toString(), "reconcile", "--api-base", "ftp://x/"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--api-base: record source must be");
  }
}
