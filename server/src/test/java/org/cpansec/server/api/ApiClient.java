package org.cpansec.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.cpansec.server.Http;

/**
 * The only way the tests call the API: every response goes through {@link OpenApiContract} before a
 * test sees it, so no response escapes the spec check.
 */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A checked response: status, content type and parsed body. */
  record Response(int status, String contentType, JsonNode body) {}

  Response post(String path, String body) {
    return send(
        "POST",
        path,
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  Response post(String path, String contentType, String body) {
    return send(
        "POST",
        path,
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  Response get(String path) {
    return send("GET", path, HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  private Response send(String method, String path, HttpRequest request) {
    HttpResponse<String> r = Http.send(http, request, HttpResponse.BodyHandlers.ofString());
    String type = r.headers().firstValue("Content-Type").orElse("");
    OpenApiContract.check(method, path, r.statusCode(), type, r.body());
    try {
      return new Response(r.statusCode(), type, JSON.readTree(r.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
