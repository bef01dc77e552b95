package org.cpansec.cve.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cpansec.cve.DataPack;
import org.cpansec.cve.json.BuildOptions;
import org.cpansec.cve.json.CveJsonBuilder;
import org.cpansec.cve.reconcile.Reconciliation.State;
import org.cpansec.cve.record.CnaRecordReader;
import org.cpansec.cve.record.CveId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerTest {
  private static JsonNode built(String cve) throws Exception {
    return new CveJsonBuilder(BuildOptions.defaults())
        .record(CnaRecordReader.read(DataPack.tvar(cve + ".yaml")).record());
  }

  private static Path published(Path dir, String cve, String name) throws Exception {
    return Files.copy(DataPack.tvar(cve + ".source.json"), dir.resolve(name));
  }

  @Test
  void directorySourceInSyncDiffersAndMissing(@TempDir Path dir) throws Exception {
    published(dir, "CVE-2025-40916", "CVE-2025-40916.json");
    published(dir, "CVE-2025-40906", "CVE-2025-40906");
    Reconciler r = new Reconciler(RecordSource.forBase(dir.toUri()));

    assertThat(r.reconcile(CveId.of("CVE-2025-40916"), built("CVE-2025-40916")).state())
        .isEqualTo(State.IN_SYNC);

    // The published 40906 has a final period and two more CWEs than its YAML (ADR 0004).
    Reconciliation differs = r.reconcile(CveId.of("CVE-2025-40906"), built("CVE-2025-40906"));
    assertThat(differs.state()).isEqualTo(State.DIFFERS);
    assertThat(differs.details())
        .anySatisfy(d -> assertThat(d).startsWith("title:"))
        .anySatisfy(d -> assertThat(d).startsWith("cwes:"))
        .noneSatisfy(d -> assertThat(d).startsWith("distribution:"));

    Reconciliation missing = r.reconcile(CveId.of("CVE-2025-40933"), built("CVE-2025-40933"));
    assertThat(missing.state()).isEqualTo(State.MISSING_REMOTELY);
  }

  @Test
  void brokenPublishedFileIsUnknownNotMissing(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("CVE-2025-40916.json"), "{ not json");
    Reconciliation r =
        new Reconciler(RecordSource.forBase(dir.toUri()))
            .reconcile(CveId.of("CVE-2025-40916"), built("CVE-2025-40916"));
    assertThat(r.state()).isEqualTo(State.UNKNOWN);
    assertThat(r.details().get(0)).contains("CVE-2025-40916.json: not JSON");
  }

  @Test
  void httpSourceOnLoopback() throws Exception {
    byte[] body = Files.readAllBytes(DataPack.tvar("CVE-2025-40933.source.json"));
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/cve/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          int status =
              path.endsWith("/CVE-2025-40933") ? 200 : path.endsWith("/CVE-2025-40906") ? 503 : 404;
          byte[] answer =
              status == 200
                  ? body
                  : "{\"error\":\"CVE_RECORD_DNE\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/cve");
      Reconciler r = new Reconciler(RecordSource.forBase(base));
      assertThat(r.reconcile(CveId.of("CVE-2025-40933"), built("CVE-2025-40933")).state())
          .isEqualTo(State.IN_SYNC);
      assertThat(r.reconcile(CveId.of("CVE-2025-40916"), built("CVE-2025-40916")).state())
          .isEqualTo(State.MISSING_REMOTELY);
      Reconciliation down = r.reconcile(CveId.of("CVE-2025-40906"), built("CVE-2025-40906"));
      assertThat(down.state()).isEqualTo(State.UNKNOWN);
      assertThat(down.details().get(0)).endsWith("/api/cve/CVE-2025-40906 answered HTTP 503");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void onlyHttpAndFileBases() {
    assertThatThrownBy(() -> RecordSource.forBase(URI.create("ftp://example.invalid/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http(s):// or file://");
  }
}
