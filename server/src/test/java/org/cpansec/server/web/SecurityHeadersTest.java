package org.cpansec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.cpansec.server.H2Server;
import org.cpansec.server.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every kind of response carries the strict headers: pages, forms, the API, its errors. */
@H2Server
class SecurityHeadersTest {
  @LocalServerPort int port;
  Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @Test
  void pagesAndFormsCarryThem() {
    for (String path : List.of("/", "/report/vulnerability", "/advisories/CVE-2023-31486")) {
      HttpResponse<String> r = http.page(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertStrict(r.headers(), path);
    }
    assertStrict(http.page("/no/such/page").headers(), "404 page");
  }

  @Test
  void theApiAndItsErrorsCarryThem() {
    HttpResponse<String> ok = post("{\"package\":{\"name\":\"HTTP-Tiny\",\"ecosystem\":\"CPAN\"}}");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertStrict(ok.headers(), "POST /v1/query");
    // The API is stateless: it never starts a session.
    assertThat(ok.headers().allValues("Set-Cookie")).as("POST /v1/query").isEmpty();
    HttpResponse<String> bad = post("{not json");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertStrict(bad.headers(), "problem response");
  }

  private HttpResponse<String> post(String body) {
    return http.send(
        HttpRequest.newBuilder(http.uri("/v1/query"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void assertStrict(HttpHeaders h, String what) {
    String csp =
        h.firstValue("Content-Security-Policy").orElseThrow(() -> new AssertionError(what));
    List<String> directives = Arrays.stream(csp.split(";")).map(String::strip).toList();
    // 'none' by default, then only this site's own files: scripts (the record editor's live
    // check, which calls back to this site), styles and images; nothing inline, nothing foreign.
    assertThat(directives)
        .as(what)
        .contains(
            "default-src 'none'",
            "script-src 'self'",
            "connect-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'");
    assertThat(csp).as(what).doesNotContain("unsafe-inline", "unsafe-eval", "*", "http");
    assertThat(h.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
    assertThat(h.firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
    assertThat(h.firstValue("X-Frame-Options")).as(what).hasValue("DENY");
  }
}
