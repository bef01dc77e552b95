package org.cpansec.cve.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.cpansec.cve.json.CanonicalJson;
import org.cpansec.cve.record.CveId;

/** CVE Services' public read API: {@code GET {base}/{CVE}} answers the record or 404. */
final class HttpSource implements RecordSource {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final URI base;
  private final HttpClient client;

  HttpSource(URI base, HttpClient client) {
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s : s + "/");
    this.client = client;
  }

  @Override
  public Optional<JsonNode> fetch(CveId cve) throws IOException {
    URI uri = base.resolve(cve.value());
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + uri, e);
    }
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
    }
    try {
      return Optional.of(CanonicalJson.read(response.body()));
    } catch (IOException e) {
      throw new IOException("GET " + uri + " did not answer JSON: " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return base.toString();
  }
}
