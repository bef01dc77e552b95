package org.cpansec.server.cveservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CVE Services client against the local stand-in: every endpoint, and the error paths. */
class CveServicesClientTest {
  private static final int YEAR = Year.now(ZoneOffset.UTC).getValue();

  private CveServicesStandIn standIn;
  private CveServicesClient client;

  @BeforeEach
  void start() {
    standIn = CveServicesStandIn.start();
    client = new CveServicesClient(standIn.properties());
  }

  @AfterEach
  void stop() {
    standIn.close();
  }

  @Test
  void reservesOneIdWithoutABatchTypeAndSeveralSequentially() {
    List<CveIdInfo> one = client.reserve(1, YEAR, BatchType.SEQUENTIAL);
    assertThat(one).hasSize(1);
    assertThat(one.get(0).cveId()).startsWith("CVE-" + YEAR + "-");
    assertThat(one.get(0).year()).isEqualTo(YEAR);
    assertThat(one.get(0).state()).isEqualTo("RESERVED");
    assertThat(one.get(0).owningCna()).isEqualTo(CveServicesStandIn.ORG);
    assertThat(one.get(0).reserved()).isNotNull();
    assertThat(standIn.requests())
        .containsExactly("POST /api/cve-id?amount=1&cve_year=" + YEAR + "&short_name=cpansec");

    List<CveIdInfo> three = client.reserve(3, YEAR, BatchType.SEQUENTIAL);
    assertThat(three).hasSize(3);
    long first = number(three.get(0).cveId());
    assertThat(three.stream().map(i -> number(i.cveId())))
        .containsExactly(first, first + 1, first + 2);
    assertThat(standIn.requests().get(1)).endsWith("&batch_type=sequential");
    three.forEach(i -> assertThat(standIn.state(i.cveId())).isEqualTo("RESERVED"));
  }

  @Test
  void readsOneIdAndListsEveryPage() {
    standIn.itemsPerPage(2);
    List<CveIdInfo> reserved = client.reserve(5, YEAR, BatchType.NONSEQUENTIAL);
    standIn.seed("CVE-" + YEAR + "-99990", "other-cna", "RESERVED");

    CveIdInfo one = client.get(reserved.get(2).cveId());
    assertThat(one.cveId()).isEqualTo(reserved.get(2).cveId());
    assertThat(one.state()).isEqualTo("RESERVED");
    assertThat(one.requestedByUser()).isEqualTo(CveServicesStandIn.USER);

    List<CveIdInfo> listed = client.list("RESERVED");
    assertThat(listed.stream().map(CveIdInfo::cveId))
        .containsExactlyElementsOf(reserved.stream().map(CveIdInfo::cveId).toList());
    assertThat(standIn.requests())
        .contains(
            "GET /api/cve-id?state=RESERVED",
            "GET /api/cve-id?state=RESERVED&page=2",
            "GET /api/cve-id?state=RESERVED&page=3");
    assertThat(client.list("PUBLISHED")).isEmpty();
  }

  @Test
  void publishesUpdatesAndRejects() {
    List<CveIdInfo> ids = client.reserve(3, YEAR, BatchType.SEQUENTIAL);
    String a = ids.get(0).cveId();
    String b = ids.get(1).cveId();
    String c = ids.get(2).cveId();

    JsonNode created = client.publish(a, CnaContainers.valid(a, "1.05"));
    assertThat(created.at("/cveMetadata/cveId").asText()).isEqualTo(a);
    assertThat(created.at("/cveMetadata/state").asText()).isEqualTo("PUBLISHED");
    assertThat(created.at("/containers/cna/title").asText()).contains("before 1.05");
    // providerMetadata is the server's, whatever the client sent.
    assertThat(created.at("/containers/cna/providerMetadata/orgId").asText())
        .isEqualTo(standIn.orgId().toString());
    assertThat(standIn.state(a)).isEqualTo("PUBLISHED");
    assertThat(client.get(a).state()).isEqualTo("PUBLISHED");

    JsonNode updated = client.update(a, CnaContainers.valid(a, "1.06"));
    assertThat(updated.at("/containers/cna/title").asText()).contains("before 1.06");
    assertThat(standIn.record(a).at("/containers/cna/title").asText()).contains("before 1.06");
    assertThat(standIn.requests())
        .contains("POST /api/cve/" + a + "/cna", "PUT /api/cve/" + a + "/cna");

    JsonNode rejected = client.reject(b, "Not a vulnerability after all.");
    assertThat(rejected.at("/cveMetadata/state").asText()).isEqualTo("REJECTED");
    assertThat(rejected.at("/containers/cna/rejectedReasons/0/value").asText())
        .isEqualTo("Not a vulnerability after all.");
    assertThat(standIn.state(b)).isEqualTo("REJECTED");

    client.rejectPublished(a, "Duplicate of another record.");
    assertThat(standIn.state(a)).isEqualTo("REJECTED");
    assertThat(standIn.requests()).contains("PUT /api/cve/" + a + "/reject");
    assertThat(standIn.state(c)).isEqualTo("RESERVED");
  }

  @Test
  void anInvalidContainerIsRefusedWithTheSchemaErrors() {
    String id = client.reserve(1, YEAR, BatchType.SEQUENTIAL).get(0).cveId();
    ObjectNode broken = CnaContainers.valid(id, "2.0");
    broken.remove("affected");
    broken.put("title", "");

    CveServicesException e =
        catchThrowableOfType(CveServicesException.class, () -> client.publish(id, broken));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.error()).isEqualTo("INVALID_JSON_SCHEMA");
    assertThat(e.apiMessage()).isEqualTo("CVE JSON schema validation FAILED.");
    assertThat(e.details().path("errors").toString()).contains("affected");
    assertThat(e.getMessage())
        .isEqualTo(
            "CVE Services refused POST /cve/"
                + id
                + "/cna: HTTP 400 INVALID_JSON_SCHEMA: CVE JSON schema validation FAILED.");
    assertThat(standIn.state(id)).isEqualTo("RESERVED");

    CveServicesException noReason =
        catchThrowableOfType(
            CveServicesException.class, () -> client.update(id, CnaContainers.valid(id, "2.0")));
    assertThat(noReason.status()).isEqualTo(403);
    assertThat(noReason.error()).isEqualTo("CVE_RECORD_DNE");
  }

  @Test
  void stateRulesOfTheApiComeBackAsErrors() {
    String id = client.reserve(1, YEAR, BatchType.SEQUENTIAL).get(0).cveId();
    client.publish(id, CnaContainers.valid(id, "1.0"));

    CveServicesException twice =
        catchThrowableOfType(
            CveServicesException.class, () -> client.publish(id, CnaContainers.valid(id, "1.0")));
    assertThat(twice.status()).isEqualTo(403);
    assertThat(twice.error()).isEqualTo("CVE_RECORD_EXISTS");

    CveServicesException rejectPublished =
        catchThrowableOfType(CveServicesException.class, () -> client.reject(id, "no"));
    assertThat(rejectPublished.error()).isEqualTo("CVE_RECORD_EXISTS");

    String other = "CVE-" + YEAR + "-99991";
    standIn.seed(other, "other-cna", "RESERVED");
    CveServicesException notOurs =
        catchThrowableOfType(
            CveServicesException.class,
            () -> client.publish(other, CnaContainers.valid(other, "1.0")));
    assertThat(notOurs.status()).isEqualTo(403);
    assertThat(notOurs.error()).isEqualTo("ORG_DOES_NOT_OWN_ID");
    assertThat(standIn.state(other)).isEqualTo("RESERVED");

    CveServicesException unknown =
        catchThrowableOfType(
            CveServicesException.class, () -> client.get("CVE-" + YEAR + "-77777"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).isEqualTo("CVE_ID_NOT_FOUND");
    assertThat(unknown.getMessage()).contains("CVE-" + YEAR + "-77777 not found");
  }

  @Test
  void reservationRefusalsCarryTheApiMessage() {
    standIn.years(YEAR);
    CveServicesException year =
        catchThrowableOfType(
            CveServicesException.class, () -> client.reserve(2, YEAR + 1, BatchType.SEQUENTIAL));
    assertThat(year.status()).isEqualTo(403);
    assertThat(year.error()).isEqualTo("CANNOT_RESERVE_FOR_YEAR");
    assertThat(year.getMessage()).contains("cannot be reserved for " + (YEAR + 1));

    standIn.quota(1);
    CveServicesException quota =
        catchThrowableOfType(
            CveServicesException.class, () -> client.reserve(2, YEAR, BatchType.SEQUENTIAL));
    assertThat(quota.error()).isEqualTo("EXCEEDED_ID_QUOTA");

    assertThatThrownBy(() -> client.reserve(0, YEAR, BatchType.SEQUENTIAL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.get("CVE-26-1/../../org"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a CVE id");
    assertThat(standIn.requests()).hasSize(2);
  }

  @Test
  void aWrongKeyIsUnauthorizedAndTheKeyIsNeverInTheMessage() {
    String wrongKey = "wrong-key-do-not-print";
    CveServicesClient wrong =
        new CveServicesClient(
            standIn.properties(CveServicesStandIn.ORG, CveServicesStandIn.USER, wrongKey));
    CveServicesException e =
        catchThrowableOfType(
            CveServicesException.class, () -> wrong.reserve(1, YEAR, BatchType.SEQUENTIAL));
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.unauthorized()).isTrue();
    assertThat(e.error()).isEqualTo("UNAUTHORIZED");
    assertThat(e.apiMessage()).isEqualTo("Unauthorized");
    assertThat(e.getMessage())
        .isEqualTo("CVE Services refused POST /cve-id: HTTP 401 UNAUTHORIZED: Unauthorized")
        .doesNotContain(wrongKey);

    CveServicesException wrongUser =
        catchThrowableOfType(
            CveServicesException.class,
            () ->
                new CveServicesClient(
                        standIn.properties(
                            CveServicesStandIn.ORG, "someone-else", CveServicesStandIn.KEY))
                    .list("RESERVED"));
    assertThat(wrongUser.unauthorized()).isTrue();
    assertThat(standIn.state("CVE-" + YEAR + "-40001")).isNull();
  }

  @Test
  void anUnconfiguredClientIsOffAndSaysWhichKeysAreMissing() {
    CveServicesProperties none =
        new CveServicesProperties(
            standIn.baseUrl(), null, null, " ", Duration.ofSeconds(1), Duration.ofSeconds(1));
    CveServicesClient off = new CveServicesClient(none);
    assertThat(off.enabled()).isFalse();
    assertThat(off.disabledReason())
        .isEqualTo(
            "CVE Services is not configured: set cpansec.cve-services.org"
                + " cpansec.cve-services.user cpansec.cve-services.api-key");
    assertThatThrownBy(() -> off.list("RESERVED"))
        .isInstanceOf(CveServicesException.class)
        .hasMessage(off.disabledReason());
    assertThat(standIn.requests()).isEmpty();
    assertThat(none.isCredentialsComplete()).isTrue();

    CveServicesProperties half =
        new CveServicesProperties(
            standIn.baseUrl(), "cpansec", null, "k", Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(half.isCredentialsComplete()).isFalse();
    try (jakarta.validation.ValidatorFactory v =
        jakarta.validation.Validation.buildDefaultValidatorFactory()) {
      assertThat(v.getValidator().validate(half))
          .extracting(jakarta.validation.ConstraintViolation::getMessage)
          .containsExactly(
              "set all of cpansec.cve-services.org, cpansec.cve-services.user and"
                  + " cpansec.cve-services.api-key, or none of them (then the client is off)");
      assertThat(v.getValidator().validate(none)).isEmpty();
    }
    assertThat(standIn.properties().toString())
        .contains("apiKey=(set, not shown)")
        .doesNotContain(CveServicesStandIn.KEY);
    assertThat(
            new CveServicesProperties(
                    URI.create("ftp://example.org/api"),
                    null,
                    null,
                    null,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1))
                .isBaseUrlHttp())
        .isFalse();
  }

  @Test
  void noAnswerANonJsonAnswerAndATimeoutAreClearErrors() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    CveServicesClient nowhere =
        new CveServicesClient(
            new CveServicesProperties(
                URI.create("http://127.0.0.1:" + closedPort + "/api"),
                "o",
                "u",
                "k",
                Duration.ofSeconds(2),
                Duration.ofSeconds(2)));
    CveServicesException down =
        catchThrowableOfType(CveServicesException.class, () -> nowhere.list("RESERVED"));
    assertThat(down.status()).isZero();
    assertThat(down.getMessage())
        .startsWith("cannot reach CVE Services at http://127.0.0.1:" + closedPort + "/api");

    CountDownLatch release = new CountDownLatch(1);
    HttpServer odd =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    odd.createContext(
        "/api/cve-id",
        ex -> {
          byte[] html = "<html><body>Bad gateway</body></html>".getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "text/html");
          ex.sendResponseHeaders(502, html.length);
          ex.getResponseBody().write(html);
          ex.close();
        });
    odd.createContext(
        "/api/cve/",
        ex -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ex.sendResponseHeaders(500, -1);
          ex.close();
        });
    java.util.concurrent.ExecutorService threads =
        java.util.concurrent.Executors.newCachedThreadPool();
    odd.setExecutor(threads);
    odd.start();
    try {
      CveServicesClient proxy =
          new CveServicesClient(
              new CveServicesProperties(
                  URI.create("http://127.0.0.1:" + odd.getAddress().getPort() + "/api/"),
                  "o",
                  "u",
                  "k",
                  Duration.ofSeconds(2),
                  Duration.ofMillis(300)));
      CveServicesException gateway =
          catchThrowableOfType(CveServicesException.class, () -> proxy.list(null));
      assertThat(gateway.status()).isEqualTo(502);
      assertThat(gateway.error()).isNull();
      assertThat(gateway.getMessage())
          .isEqualTo(
              "CVE Services refused GET /cve-id: HTTP 502 (not JSON: <html><body>Bad"
                  + " gateway</body></html>)");

      String id = "CVE-" + YEAR + "-40001";
      CveServicesException slow =
          catchThrowableOfType(
              CveServicesException.class, () -> proxy.publish(id, CnaContainers.valid(id, "1.0")));
      assertThat(slow.status()).isZero();
      assertThat(slow.getMessage()).startsWith("CVE Services did not answer POST /cve/" + id);
    } finally {
      release.countDown();
      odd.stop(0);
      threads.shutdownNow();
    }
  }

  private static long number(String cveId) {
    return Long.parseLong(cveId.substring(9));
  }
}
