package org.cpansec.cli.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.cpansec.cli.ExitCode;
import org.cpansec.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomCommandTest {
  private static final Path DATAPACK = Path.of("../core/src/test/resources/datapack");
  private static final Path DB = DATAPACK.resolve("advisory-db/cpan-security-advisory.json");
  private static final Path METACPAN = DATAPACK.resolve("projects/metacpan__metacpan-api");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void auditOfTheSbomFindsWhatTheAuditOfTheSnapshotFinds() throws IOException {
    Path bom = tmp.resolve("bom.json");
    assertThat(run("sbom", METACPAN.toString(), "--out", bom.toString())).isEqualTo(ExitCode.OK);
    assertThat(out.toString()).isEmpty();
    String[] db = {"--db", DB.toString(), "--perl", "none", "--format", "json"};
    assertThat(
            run(
                concat(
                    new String[] {"audit", METACPAN.resolve("cpanfile.snapshot").toString()}, db)))
        .isEqualTo(ExitCode.FINDINGS);
    Set<String> fromSnapshot = findings(out.toString());
    assertThat(run(concat(new String[] {"audit", "sbom", bom.toString()}, db)))
        .isEqualTo(ExitCode.FINDINGS);
    assertThat(findings(out.toString())).isNotEmpty().isEqualTo(fromSnapshot);
  }

  @Test
  void auditFormatCycloneDxIsABomWhoseVulnerabilitiesAffectItsComponents() throws IOException {
    String snapshot =
        DATAPACK.resolve("projects/Code-Hex__p5-List-Flatten-XS/cpanfile.snapshot").toString();
    String[] db = {"--db", DB.toString(), "--perl", "none"};
    assertThat(run(concat(new String[] {"audit", snapshot, "--format", "json"}, db)))
        .isEqualTo(ExitCode.FINDINGS);
    Set<String> advisories = new TreeSet<>();
    for (JsonNode f : JSON.readTree(out.toString()).get("findings")) {
      f.get("advisories").forEach(a -> advisories.add(a.get("id").asText()));
    }
    int code =
        run(
            concat(
                new String[] {"audit", snapshot, "--format", "cyclonedx", "--reproducible"}, db));
    assertThat(code).isEqualTo(ExitCode.FINDINGS);
    JsonNode bom = JSON.readTree(out.toString());
    assertThat(bom.get("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(bom.get("specVersion").asText()).isEqualTo("1.6");
    Set<String> refs = new TreeSet<>();
    bom.get("components").forEach(c -> refs.add(c.get("bom-ref").asText()));
    Set<String> ids = new TreeSet<>();
    for (JsonNode v : bom.get("vulnerabilities")) {
      ids.add(v.get("id").asText());
      assertThat(v.get("recommendation").asText()).startsWith("upgrade ");
      v.get("affects").forEach(a -> assertThat(refs).contains(a.get("ref").asText()));
    }
    assertThat(ids).hasSize(8).isEqualTo(advisories);
  }

  @Test
  void eachFormatIsWritten() {
    assertThat(run("sbom", METACPAN.toString(), "--format", "cyclonedx-xml", "--reproducible"))
        .isEqualTo(ExitCode.OK);
    assertThat(out.toString()).startsWith("<?xml").contains("pkg:cpan/MIYAGAWA/Plack@");
    assertThat(run("sbom", METACPAN.toString(), "--format", "spdx-json")).isEqualTo(ExitCode.OK);
    assertThat(out.toString()).contains("\"spdxVersion\" : \"SPDX-2.3\"");
    assertThat(err.toString()).contains("not in the dependency graph");
  }

  @Test
  void withVulnerabilitiesEmbedsTheFindings() throws IOException {
    assertThat(
            run(
                "sbom",
                METACPAN.toString(),
                "--with-vulnerabilities",
                "--db",
                DB.toString(),
                "--reproducible"))
        .isEqualTo(ExitCode.OK);
    assertThat(JSON.readTree(out.toString()).get("vulnerabilities").size()).isGreaterThan(10);
  }

  @Test
  void usageAndInputErrorsHaveTheirExitCodes() {
    assertThat(run("sbom", METACPAN.toString(), "--format", "swid")).isEqualTo(ExitCode.ERROR);
    assertThat(err.toString()).contains("expected cyclonedx-json, cyclonedx-xml or spdx-json");
    assertThat(run("sbom", tmp.resolve("missing").toString())).isEqualTo(ExitCode.INPUT);
    assertThat(err.toString()).contains("no such file or directory").doesNotContain("Exception");
    assertThat(run("sbom", METACPAN.toString(), "--out", tmp.resolve("no/dir/bom.json").toString()))
        .isEqualTo(ExitCode.ERROR);
    assertThat(err.toString()).contains("--out").contains("cannot write");
  }

  @Test
  void aBrokenInstalledMetaIsAnUnreadableInputNamingTheFile() throws IOException {
    Files.copy(METACPAN.resolve("cpanfile.snapshot"), tmp.resolve("cpanfile.snapshot"));
    Path meta = tmp.resolve("local/lib/perl5/x86_64-linux/.meta/Plack-1.0051/MYMETA.json");
    Files.createDirectories(meta.getParent());
    Files.writeString(meta, "{\"name\": ");
    assertThat(run("sbom", tmp.toString())).isEqualTo(ExitCode.INPUT);
    assertThat(err.toString()).contains("MYMETA.json").doesNotContain("internal error");
  }

  private static Set<String> findings(String auditJson) throws IOException {
    Set<String> out = new TreeSet<>();
    for (JsonNode f : JSON.readTree(auditJson).get("findings")) {
      for (JsonNode a : f.get("advisories")) {
        out.add(
            f.get("kind").asText()
                + " "
                + f.get("distribution").asText()
                + " "
                + f.get("version").asText()
                + " "
                + a.get("id").asText());
      }
    }
    return out;
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
