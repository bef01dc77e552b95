package org.cpansec.cli.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden renderings of {@code db show}, text and JSON, from the bundled snapshot. */
class DbShowGoldenTest {
  @TempDir Path cache;

  private void matches(String golden, String... args) throws Exception {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--cache-dir";
    all[args.length + 1] = cache.toString();
    Cli r = Cli.run(all);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(Files.readString(Path.of("src/test/resources/golden/" + golden)));
  }

  @Test
  void textOfAnAdvisory() throws Exception {
    matches("db-show-CVE-2025-40918.txt", "db", "show", "CVE-2025-40918");
  }

  @Test
  void jsonOfAnEmbeddedLibraryAdvisory() throws Exception {
    matches(
        "db-show-CPANSA-Compress-Raw-Zlib-2026-4176.json",
        "db",
        "show",
        "CPANSA-Compress-Raw-Zlib-2026-4176",
        "--format",
        "json");
  }
}
