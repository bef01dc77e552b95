package org.cpansec.cli.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cpansec.advisory.AdvisoryDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path cache;

  private Cli db(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "db";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--cache-dir";
    all[args.length + 2] = cache.toString();
    return Cli.run(all);
  }

  @Test
  void infoDescribesTheBundledSnapshotWhenThereIsNoCache() throws Exception {
    Cli r = db("info", "--format", "json");
    assertThat(r.exit()).isZero();
    JsonNode info = JSON.readTree(r.out());
    assertThat(info.get("loaded_from").asText()).isEqualTo("bundled snapshot");
    assertThat(info.get("commit").asText()).isEqualTo("62f1f98ee6eb001809730162c18a5b150d41c2f3");
    assertThat(info.get("entries").asInt()).isEqualTo(2061);
    assertThat(info.get("releases").asInt()).isEqualTo(21743);
    assertThat(info.get("modules").asInt()).isEqualTo(8336);
    // The snapshot is from August 2026: older than a week, so the user is told.
    assertThat(r.err()).contains("warning: the advisory data (bundled snapshot) is", "days old");
  }

  @Test
  void showPrintsEveryDetailWithOrigin() throws Exception {
    Cli text = db("show", "CVE-2025-40918");
    assertThat(text.exit()).isZero();
    assertThat(text.out())
        .contains(
            "CPANSA-Authen-SASL-2025-40918", ">=2.04,<=2.1900", "/dists/Authen-SASL/advisories/0");
    JsonNode json =
        JSON.readTree(db("show", "cpansa-authen-sasl-2025-40918", "--format", "json").out());
    assertThat(json.get(0).get("origins").get(0).get("location").asText())
        .isEqualTo("/dists/Authen-SASL/advisories/0");
  }

  @Test
  void showOfAnUnknownIdIsAnErrorWithExitCode2() {
    Cli r = db("show", "CVE-1900-0001");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("cpansec: no advisory has the id or alias CVE-1900-0001");
  }

  @Test
  void searchFindsByModuleDistributionAndWords() throws Exception {
    assertThat(db("search", "Authen::SASL::Perl::DIGEST_MD5").out())
        .contains("CPANSA-Authen-SASL-2025-40918");
    JsonNode hits = JSON.readTree(db("search", "captcha", "weak", "--format", "json").out());
    assertThat(hits.findValuesAsText("id"))
        .contains("CPANSA-Mojolicious-Plugin-CaptchaPNG-2025-40916");
    assertThat(db("search", "no-such-thing-anywhere").out()).contains("no advisory matches");
  }

  @Test
  void lintReportsCountsPerKindAndExitsWithFindings() throws Exception {
    Cli r = db("lint", "--summary", "--format", "json");
    assertThat(r.exit()).isEqualTo(1);
    JsonNode counts = JSON.readTree(r.out()).get("counts");
    assertThat(counts.get("bare-version").asInt()).isEqualTo(746);
    assertThat(counts.get("impossible-range").asInt()).isEqualTo(6);
    JsonNode only =
        JSON.readTree(db("lint", "--kind", "impossible-range", "--format", "json").out());
    assertThat(only.get("findings")).hasSize(6);
    assertThat(only.get("findings").get(0).get("location").get("location").asText())
        .startsWith("/dists/");
  }

  @Test
  void exportsOsvFilesTheCpanAuditShapeAndTheFeed(@TempDir Path out) throws Exception {
    Path osv = out.resolve("osv");
    assertThat(db("export", "--format", "osv", "--out", osv.toString()).exit()).isZero();
    try (var files = Files.list(osv)) {
      assertThat(files.count()).isEqualTo(1001);
    }
    assertThat(
            JSON.readTree(osv.resolve("CPANSA-Authen-SASL-2025-40918.json").toFile())
                .get("id")
                .asText())
        .isEqualTo("CPANSA-Authen-SASL-2025-40918");
    Path audit = out.resolve("cpan-audit.json");
    assertThat(db("export", "--format", "cpan-audit", "--out", audit.toString()).exit()).isZero();
    assertThat(AdvisoryDatabase.load(audit).all()).hasSize(1003);
    Cli feed = db("export", "--format", "cpansa-feed");
    assertThat(feed.exit()).isZero();
    assertThat(JSON.readTree(feed.out()).get("Authen-SASL")).hasSize(1);
    assertThat(feed.err()).contains("warning: not in the feed:");
    assertThat(db("export", "--format", "osv").err()).contains("give --out DIR");
    assertThat(db("export", "--format", "yaml").exit()).isEqualTo(2);
  }

  @Test
  void withMergesCnaRecordsOverTheDatabaseAndReportsTheirConflicts() throws Exception {
    String tVar = "../core/src/test/resources/datapack/cna/t-var/";
    Cli show =
        db("show", "CVE-2025-40916", "--format", "json", "--with", tVar + "CVE-2025-40916.yaml");
    assertThat(show.exit()).as(show.err()).isZero();
    JsonNode a = JSON.readTree(show.out()).get(0);
    assertThat(a.get("id").asText()).isEqualTo("CPANSA-Mojolicious-Plugin-CaptchaPNG-2025-40916");
    assertThat(a.get("affected").get(0).get("range").asText()).isEqualTo("==1.05");
    assertThat(a.get("origins")).hasSize(2);
    Cli lint =
        db("lint", "--kind", "source-conflict", "--with", tVar + "CVE-2025-40916.source.json");
    assertThat(lint.out()).contains("affected ranges [==1.05] disagree with [<1.06]");
    Cli odd = db("info", "--with", "../core/src/test/resources/datapack/README.md");
    assertThat(odd.exit()).isEqualTo(2);
    Cli notAdvisory = db("info", "--with", tVar + "../schema/cpansec-cna-schema-01.yaml");
    assertThat(notAdvisory.exit()).isEqualTo(2);
    assertThat(notAdvisory.err()).contains("is none of: CNA YAML");
  }

  @Test
  void resolvesThePlatformCacheDirectory() {
    var home = "/home/u";
    assertThat(CacheDir.resolve(java.util.Map.of("CPANSEC_CACHE_DIR", "/x"), "Linux", home))
        .isEqualTo(Path.of("/x"));
    assertThat(CacheDir.resolve(java.util.Map.of("XDG_CACHE_HOME", "/xdg"), "Linux", home))
        .isEqualTo(Path.of("/xdg/cpansec"));
    assertThat(CacheDir.resolve(java.util.Map.of("XDG_CACHE_HOME", "rel"), "Linux", home))
        .isEqualTo(Path.of("/home/u/.cache/cpansec"));
    assertThat(CacheDir.resolve(java.util.Map.of(), "Mac OS X", home))
        .isEqualTo(Path.of("/home/u/Library/Caches/cpansec"));
    assertThat(
            CacheDir.resolve(
                java.util.Map.of("LOCALAPPDATA", "C:\\Users\\u\\AppData\\Local"),
                "Windows 11",
                home))
        .isEqualTo(Path.of("C:\\Users\\u\\AppData\\Local", "cpansec"));
  }
}
