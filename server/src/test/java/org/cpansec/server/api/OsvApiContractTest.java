package org.cpansec.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.Release;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The OSV API over HTTP on the real bundled advisory data, every response checked against the
 * OpenAPI document; answers compared with core's own matching on the bundled snapshot (what the CLI
 * audit uses). Run once per database by the subclasses.
 */
abstract class OsvApiContractTest {
  private static final AdvisoryDatabase CORE = AdvisoryDatabase.bundled();

  @LocalServerPort int port;
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  private static String query(String dist, String version) {
    return "{\"version\":\""
        + version
        + "\",\"package\":{\"name\":\""
        + dist
        + "\",\"ecosystem\":\"CPAN\"}}";
  }

  private static List<String> ids(JsonNode vulns) {
    List<String> ids = new ArrayList<>();
    vulns.forEach(v -> ids.add(v.path("id").asText()));
    return ids;
  }

  private static List<String> coreIds(String dist, String version) {
    org.cpansec.version.PerlVersion v = org.cpansec.version.PerlVersion.parse(version);
    return CORE.advisoriesFor(dist).stream().filter(a -> a.affects(v)).map(Advisory::id).toList();
  }

  @Test
  void httpTiny0082IsAffectedByCve202331486Only() {
    ApiClient.Response r = api.post("/v1/query", query("HTTP-Tiny", "0.082"));
    assertThat(r.status()).isEqualTo(200);
    List<String> ids = ids(r.body().path("vulns"));
    assertThat(ids)
        .contains("CPANSA-HTTP-Tiny-2023-31486")
        .doesNotContain("CPANSA-HTTP-Tiny-2016-1238");
    assertThat(ids).containsExactlyElementsOf(coreIds("HTTP-Tiny", "0.082"));
    JsonNode v = r.body().path("vulns").get(0);
    assertThat(v.path("affected").get(0).path("versions").toString())
        .contains("\"0.082\"")
        .doesNotContain("\"0.083\"");
  }

  @Test
  void matchesCoreOnEveryTenthReleaseOfRealDistributions() {
    for (String dist : List.of("HTTP-Tiny", "Mojolicious", "DBI", "Crypt-JWT")) {
      List<Release> releases = CORE.releases(dist);
      assertThat(releases).as(dist).hasSizeGreaterThan(10);
      for (int i = 0; i < releases.size(); i += 10) {
        String version = releases.get(i).text();
        if (!releases.get(i).isParsed()) {
          continue;
        }
        ApiClient.Response r = api.post("/v1/query", query(dist, version));
        assertThat(ids(r.body().path("vulns")))
            .as(dist + " " + version)
            .containsExactlyElementsOf(coreIds(dist, version));
      }
    }
  }

  @Test
  void purlWithAuthorAndDistributionAndPurlWithModuleAnswerTheSame() {
    List<String> expected = coreIds("HTTP-Tiny", "0.082");
    for (String purl : List.of("pkg:cpan/DAGOLDEN/HTTP-Tiny@0.082", "pkg:cpan/HTTP::Tiny@0.082")) {
      ApiClient.Response r = api.post("/v1/query", "{\"package\":{\"purl\":\"" + purl + "\"}}");
      assertThat(ids(r.body().path("vulns"))).as(purl).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void withoutVersionEveryAdvisoryOfThePackage() {
    ApiClient.Response r =
        api.post("/v1/query", "{\"package\":{\"name\":\"DBI\",\"ecosystem\":\"CPAN\"}}");
    assertThat(ids(r.body().path("vulns")))
        .containsExactlyElementsOf(CORE.advisoriesFor("DBI").stream().map(Advisory::id).toList());
  }

  @Test
  void batchAnswersInQueryOrderWithIdsAndModified() {
    ApiClient.Response r =
        api.post(
            "/v1/querybatch",
            "{\"queries\":["
                + query("HTTP-Tiny", "0.082")
                + ","
                + query("HTTP-Tiny", "0.090")
                + "]}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(ids(r.body().path("results").get(0).path("vulns")))
        .containsExactlyElementsOf(coreIds("HTTP-Tiny", "0.082"));
    assertThat(ids(r.body().path("results").get(1).path("vulns")))
        .containsExactlyElementsOf(coreIds("HTTP-Tiny", "0.090"));
  }

  @Test
  void vulnByIdAndByCveAlias() {
    ApiClient.Response byCve = api.get("/v1/vulns/CVE-2023-31486");
    assertThat(byCve.status()).isEqualTo(200);
    assertThat(byCve.body().path("id").asText()).isEqualTo("CPANSA-HTTP-Tiny-2023-31486");
    assertThat(byCve.body().path("aliases").toString()).contains("CVE-2023-31486");
    assertThat(byCve.body().path("affected").get(0).path("ranges").get(0).path("events").toString())
        .isEqualTo("[{\"introduced\":\"0\"},{\"fixed\":\"0.083\"}]");
    ApiClient.Response byId = api.get("/v1/vulns/CPANSA-HTTP-Tiny-2023-31486");
    assertThat(byId.body()).isEqualTo(byCve.body());
  }

  @Test
  void everyAdvisoryOfSomeDistributionsIsAValidRecord() {
    for (String dist : List.of("Mojolicious", "DBI", "Crypt-JWT", "perl")) {
      for (Advisory a : CORE.advisoriesFor(dist)) {
        assertThat(api.get("/v1/vulns/" + a.id()).status()).isEqualTo(200);
      }
    }
  }

  @Test
  void problemsFromTheFixedList() {
    assertProblem(api.get("/v1/vulns/CVE-1900-0001"), 404, "not-found");
    assertProblem(api.post("/v1/query", "{\"package\": {"), 400, "malformed-json");
    assertProblem(
        api.post(
            "/v1/query",
            "{\"version\":\"1\",\"package\":{\"name\":\"requests\",\"ecosystem\":\"PyPI\"}}"),
        400,
        "unknown-ecosystem");
    assertProblem(api.post("/v1/query", query("HTTP-Tiny", "1.2.3junk_4")), 400, "invalid-version");
    assertProblem(
        api.post("/v1/query", "{\"package\":{\"purl\":\"pkg:pypi/requests@1\"}}"),
        400,
        "invalid-purl");
    assertProblem(api.post("/v1/query", "{\"version\":\"1\"}"), 400, "invalid-query");
    assertProblem(
        api.post("/v1/query", "text/plain", query("DBI", "1.0")), 415, "unsupported-media-type");
    String big = "{\"version\":\"1\",\"pad\":\"" + "x".repeat(70_000) + "\"}";
    assertProblem(api.post("/v1/query", big), 413, "body-too-large");
    StringBuilder many = new StringBuilder("{\"queries\":[");
    for (int i = 0; i <= 1000; i++) {
      many.append(i == 0 ? "" : ",")
          .append("{\"package\":{\"name\":\"DBI\",\"ecosystem\":\"CPAN\"}}");
    }
    assertProblem(
        api.post("/v1/querybatch", many.append("]}").toString()), 400, "too-many-queries");
  }

  private static void assertProblem(ApiClient.Response r, int status, String slug) {
    assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().path("type").asText()).endsWith("#" + slug);
    assertThat(r.body().path("detail").asText())
        .isNotBlank()
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }
}
