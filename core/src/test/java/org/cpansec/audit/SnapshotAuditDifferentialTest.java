package org.cpansec.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.cpan.CoreModules;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.snapshot.SnapshotExtractor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every Carton snapshot in the data pack, the vulnerable findings of the audit equal those
 * computed independently by {@code expected-findings.pl} (its own snapshot and range reading,
 * Perl's version.pm for comparisons) from the same database file.
 */
class SnapshotAuditDifferentialTest {

  private static Path datapack;
  private static Path database;
  private static AdvisoryDatabase db;

  @BeforeAll
  static void load() throws Exception {
    datapack = Path.of(SnapshotAuditDifferentialTest.class.getResource("/datapack").toURI());
    database = datapack.resolve("advisory-db/cpan-security-advisory.json");
    db = AdvisoryDatabase.load(database);
  }

  static Stream<Path> snapshots() throws IOException, URISyntaxException {
    Path projects =
        Path.of(SnapshotAuditDifferentialTest.class.getResource("/datapack/projects").toURI());
    try (Stream<Path> walk = Files.walk(projects)) {
      return walk
          .filter(p -> p.getFileName().toString().equals("cpanfile.snapshot"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("snapshots")
  void pinnedFindingsEqualAnIndependentComputation(Path snapshot) throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/perl")) || System.getenv("PATH").contains("perl"),
        "no perl: the independent computation cannot run");
    Manifest manifest = new SnapshotExtractor().extract(snapshot, ExtractContext.defaults());
    AuditReport report =
        new Auditor(db, CoreModules.bundled()).audit(List.of(manifest), AuditOptions.defaults());
    TreeSet<String> ours = new TreeSet<>();
    for (Finding f : report.findings()) {
      if (f.kind() == FindingKind.VULNERABLE) {
        for (Advisory a : f.advisories()) {
          ours.add(f.distribution() + "\t" + f.dependency().version().written() + "\t" + a.id());
        }
      }
    }
    assertThat(ours).isEqualTo(expected(snapshot));
  }

  private static TreeSet<String> expected(Path snapshot) throws IOException, InterruptedException {
    Path script = Files.createTempFile("expected-findings", ".pl");
    try (InputStream in =
        SnapshotAuditDifferentialTest.class.getResourceAsStream("expected-findings.pl")) {
      Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Process p =
        new ProcessBuilder("perl", script.toString(), database.toString(), snapshot.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    return new TreeSet<>(out.lines().toList());
  }
}
