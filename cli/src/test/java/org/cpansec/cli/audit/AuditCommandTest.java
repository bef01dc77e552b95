package org.cpansec.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cpansec.cli.ExitCode;
import org.cpansec.cli.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

  private static final Path DATAPACK = Path.of("../core/src/test/resources/datapack");
  private static final Path DB = DATAPACK.resolve("advisory-db/cpan-security-advisory.json");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void isolateCache() {
    out.getBuffer().setLength(0);
  }

  private int run(String... args) {
    String[] full = new String[args.length + 4];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--db";
    full[args.length + 1] = DB.toString();
    full[args.length + 2] = "--perl";
    full[args.length + 3] = "none";
    return Main.run(full, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private Path copyProject(String project) throws IOException {
    Path src = DATAPACK.resolve("projects").resolve(project);
    try (var walk = Files.walk(src)) {
      for (Path p : walk.toList()) {
        Path to = dir.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return dir;
  }

  @Test
  void aPinnedVulnerableReleaseIsFoundWithItsFix() throws Exception {
    Path project = copyProject("Code-Hex__p5-List-Flatten-XS");
    assertThat(run("audit", project.toString(), "--format", "json")).isEqualTo(ExitCode.FINDINGS);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("format").asText()).isEqualTo("cpansec-audit/1");
    JsonNode libwww = null;
    for (JsonNode f : json.get("findings")) {
      if (f.get("distribution").asText().equals("libwww-perl")) {
        libwww = f;
      }
    }
    assertThat(libwww).isNotNull();
    assertThat(libwww.get("kind").asText()).isEqualTo("vulnerable");
    assertThat(libwww.get("version").asText()).isEqualTo("6.24");
    assertThat(libwww.get("source").get("file").asText()).isEqualTo("cpanfile.snapshot");
    assertThat(libwww.get("source").get("line").asInt()).isEqualTo(396);
    assertThat(libwww.get("advisories").get(0).get("id").asText())
        .startsWith("CPANSA-libwww-perl-");
    assertThat(libwww.get("remediation").get("upgrade_to").asText()).isEqualTo("6.83");
  }

  @Test
  void cpanAuditsFalsePositiveIsNotReported() throws Exception {
    // CPAN::Audit reports pinned Encode 3.01 for the range >=3.05,<=3.11; it is not affected.
    assertThat(run("audit", snapshotWith("Encode", "3.01").toString())).isEqualTo(ExitCode.OK);
    assertThat(out.toString()).contains("No known vulnerabilities");
    out.getBuffer().setLength(0);
    assertThat(run("audit", snapshotWith("Encode", "3.06").toString(), "--format", "json"))
        .isEqualTo(ExitCode.FINDINGS);
    assertThat(out.toString())
        .contains("CPANSA-Encode-2021-01")
        .doesNotContain("CPANSA-Encode-2016-01");
  }

  private Path snapshotWith(String dist, String version) throws IOException {
    Path project = Files.createDirectories(dir.resolve(dist + "-" + version));
    Files.writeString(
        project.resolve("cpanfile.snapshot"),
        "# carton snapshot format: version 1.0\n"
            + "DISTRIBUTIONS\n  "
            + dist
            + "-"
            + version
            + "\n    pathname: D/DA/DANKOGAI/"
            + dist
            + "-"
            + version
            + ".tar.gz\n    provides:\n      Encode "
            + version
            + "\n    requirements:\n"
            + "      ExtUtils::MakeMaker 0\n");
    return project;
  }

  @Test
  void exitZeroFailOnAndExclusions() throws Exception {
    Path project = copyProject("perl5-dbi__dbi");
    assertThat(run("audit", project.toString(), "--exit-zero")).isEqualTo(ExitCode.OK);
    assertThat(run("audit", project.toString(), "--fail-on", "critical")).isEqualTo(ExitCode.OK);
    assertThat(run("audit", project.toString(), "--exclude", "CVE-2016-1238"))
        .isEqualTo(ExitCode.OK);
    assertThat(out.toString()).contains("No known vulnerabilities");
  }

  @Test
  void singleQueriesLikeCpanAudit() {
    assertThat(run("audit", "module", "LWP::UserAgent", ">= 6.80")).isEqualTo(ExitCode.FINDINGS);
    assertThat(out.toString()).contains("CPANSA-libwww-perl-2026-8368");
    out.getBuffer().setLength(0);
    assertThat(run("audit", "dist", "libwww-perl", ">= 6.83")).isEqualTo(ExitCode.OK);
    assertThat(run("audit", "modules", "Plack;>= 1.0051", "Encode")).isEqualTo(ExitCode.FINDINGS);
    assertThat(out.toString()).contains("Encode");
  }

  @Test
  void sarifLocatesResultsAtTheManifestLine() throws Exception {
    Path project = copyProject("perl5-dbi__dbi");
    run("audit", project.toString(), "--format", "sarif");
    JsonNode sarif = new ObjectMapper().readTree(out.toString());
    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    JsonNode loc = sarif.get("runs").get(0).get("results").get(0).get("locations").get(0);
    assertThat(loc.at("/physicalLocation/artifactLocation/uri").asText()).isEqualTo("cpanfile");
    assertThat(loc.at("/physicalLocation/region/startLine").asInt()).isEqualTo(14);
  }

  @Test
  void aTruncatedSnapshotIsReadAsFarAsItGoesAndSaysWhere() throws Exception {
    String full =
        Files.readString(DATAPACK.resolve("projects/Corion__Filesys-DB/cpanfile.snapshot"));
    Files.writeString(dir.resolve("cpanfile.snapshot"), full.substring(0, full.length() / 2));
    int rc = run("audit", dir.toString(), "--format", "json");
    assertThat(rc).isIn(ExitCode.OK, ExitCode.FINDINGS);
    assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aBinaryFileIsRefusedWithExitThree() throws Exception {
    Files.write(dir.resolve("cpanfile"), new byte[] {0, 1, 2, (byte) 0xff, 0, 'r', 'e'});
    assertThat(run("audit", dir.toString())).isEqualTo(ExitCode.INPUT);
    assertThat(err.toString()).contains("cpanfile").doesNotContain("\tat ");
  }

  @Test
  void aHugeCpanfileIsRefusedWithExitThree() throws Exception {
    Path big = dir.resolve("cpanfile");
    String line = "requires 'Foo::Bar', '1.0'; # padding padding padding padding padding\n";
    try (var w = Files.newBufferedWriter(big)) {
      for (long written = 0; written < 50L * 1024 * 1024; written += line.length()) {
        w.write(line);
      }
    }
    assertThat(run("audit", dir.toString())).isEqualTo(ExitCode.INPUT);
    assertThat(err.toString()).contains("cpanfile").doesNotContain("\tat ");
  }

  @Test
  void unknownSyntaxBecomesAnUnknownFindingAndTheRestIsRead() throws Exception {
    Files.writeString(
        dir.resolve("cpanfile"),
        "requires 'LWP::UserAgent', compute_version();\nrequires 'Plack', '1.0047';\n");
    assertThat(run("audit", dir.toString(), "--format", "json")).isEqualTo(ExitCode.FINDINGS);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.at("/manifests/0/problems/0/line").asInt()).isEqualTo(1);
    boolean unknown = false;
    boolean plack = false;
    for (JsonNode f : json.get("findings")) {
      unknown |=
          f.get("kind").asText().equals("unknown")
              && f.get("distribution").asText().equals("libwww-perl");
      plack |= f.get("distribution").asText().equals("Plack");
    }
    assertThat(unknown).isTrue();
    assertThat(plack).isTrue();
  }

  @Test
  void aMissingPathIsExitThree() {
    // (an unreadable directory cannot be made as root, which CI runs as; a missing one can)
    assertThat(run("audit", dir.resolve("missing").toString())).isEqualTo(ExitCode.INPUT);
    assertThat(err.toString()).contains("no such file or directory").doesNotContain("\tat ");
  }

  @Test
  void aDirectoryWithoutManifestsIsExitThree() {
    assertThat(run("audit", dir.toString())).isEqualTo(ExitCode.INPUT);
    assertThat(err.toString()).contains("no manifest found");
  }

  @Test
  void depsListsEveryDependencyAsWritten() throws Exception {
    Path project = copyProject("perl5-dbi__dbi");
    assertThat(
            Main.run(
                new String[] {"deps", project.toString(), "--format", "json"},
                new PrintWriter(out, true),
                new PrintWriter(err, true)))
        .isEqualTo(ExitCode.OK);
    JsonNode deps = new ObjectMapper().readTree(out.toString()).get("dependencies");
    assertThat(deps.size()).isGreaterThan(5);
    assertThat(deps.get(0).has("module")).isTrue();
    assertThat(deps.get(0).has("requirement")).isTrue();
    assertThat(deps.get(0).has("phase")).isTrue();
  }

  @Test
  void fixRaisesMinimumsShowsTheDiffAndDryRunChangesNothing() throws Exception {
    Path project = copyProject("perl5-dbi__dbi");
    Path cpanfile = project.resolve("cpanfile");
    String before = Files.readString(cpanfile);
    assertThat(run("audit", "fix", project.toString(), "--dry-run")).isEqualTo(ExitCode.OK);
    assertThat(out.toString())
        .contains("--- a/cpanfile")
        .contains("-    requires   \"ExtUtils::MakeMaker\"  => \"6.48\";")
        .contains("+    requires   \"ExtUtils::MakeMaker\"  => \"7.22\";");
    assertThat(Files.readString(cpanfile)).isEqualTo(before);
    assertThat(run("audit", "fix", project.toString())).isEqualTo(ExitCode.OK);
    assertThat(Files.readString(cpanfile)).isEqualTo(before.replace("=> \"6.48\"", "=> \"7.22\""));
    assertThat(run("audit", project.toString())).isEqualTo(ExitCode.OK);
  }
}
