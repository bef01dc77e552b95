package org.cpansec.audit;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.audit.report.JsonReport;
import org.cpansec.audit.report.SarifReport;
import org.cpansec.cpan.CoreModules;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Extractor;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.cpanfile.CpanfileExtractor;
import org.cpansec.manifest.meta.MetaExtractor;
import org.cpansec.manifest.snapshot.SnapshotExtractor;
import org.cpansec.testing.Golden;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Audits every real project of the data pack (all its manifests, target perl 5.36.0) against the
 * data pack's advisory database, and compares the JSON report with a golden file reviewed by hand.
 */
class ProjectAuditGoldenTest {

  private static final List<Extractor> EXTRACTORS =
      List.of(new SnapshotExtractor(), new CpanfileExtractor(), new MetaExtractor());

  private static Path projects;
  private static AdvisoryDatabase db;

  @BeforeAll
  static void load() throws Exception {
    Path datapack = Path.of(ProjectAuditGoldenTest.class.getResource("/datapack").toURI());
    projects = datapack.resolve("projects");
    db = AdvisoryDatabase.load(datapack.resolve("advisory-db/cpan-security-advisory.json"));
  }

  static Stream<String> projects() throws IOException, URISyntaxException {
    Path dir = Path.of(ProjectAuditGoldenTest.class.getResource("/datapack/projects").toURI());
    try (Stream<Path> list = Files.list(dir)) {
      return list
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("projects")
  void auditMatchesTheReviewedReport(String project) throws IOException {
    Path root = projects.resolve(project);
    List<Manifest> manifests = new ArrayList<>();
    ExtractContext context =
        ExtractContext.defaults()
            .withTarget(org.cpansec.version.PerlVersion.parse("5.036000"), "linux");
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.sorted().toList()) {
        for (Extractor e : EXTRACTORS) {
          if (e.accepts(file)) {
            manifests.add(e.extract(file, context));
          }
        }
      }
    }
    AuditReport report =
        new Auditor(db, CoreModules.bundled())
            .audit(
                manifests,
                new AuditOptions(
                    java.util.Optional.of(org.cpansec.version.PerlVersion.parse("5.36.0")),
                    java.util.Optional.empty(),
                    Exclusions.NONE));
    Golden.assertMatches("audit/golden", project + ".txt", table(report, root));
    if (FULL_REPORTS.contains(project)) {
      Golden.assertMatches(
          "audit/golden", project + ".json", JsonReport.write(report, db.source(), root));
      Golden.assertMatches(
          "audit/golden", project + ".sarif", SarifReport.write(report, "test", root));
    }
  }

  /** Projects whose whole JSON and SARIF reports are kept: small, with every kind of finding. */
  private static final java.util.Set<String> FULL_REPORTS =
      java.util.Set.of("briandfoy__cpan-audit", "perl5-dbi__dbi");

  /** One line per finding, the lines a reviewer checks: what, where, which advisories, the fix. */
  private static String table(AuditReport report, Path root) {
    StringBuilder sb = new StringBuilder();
    sb.append("# dependencies ")
        .append(report.dependencies())
        .append(", problems ")
        .append(report.problemCount())
        .append(", unresolved modules ")
        .append(report.unresolvedModules().size())
        .append(", core-only modules ")
        .append(report.coreModules().size())
        .append('\n');
    for (Finding f : report.findings()) {
      Path file = f.dependency().source().file();
      sb.append(f.kind().label())
          .append('\t')
          .append(f.distribution())
          .append('\t')
          .append(f.dependency().version().written())
          .append('\t')
          .append(file.startsWith(root) ? root.relativize(file).toString() : file.toString())
          .append(':')
          .append(f.dependency().source().line())
          .append('\t')
          .append(f.advisories().stream().map(a -> a.id()).sorted().toList())
          .append('\t')
          .append(f.reason().orElse(f.advice()))
          .append('\n');
    }
    return sb.toString();
  }
}
