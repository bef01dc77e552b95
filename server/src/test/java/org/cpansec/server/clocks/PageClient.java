package org.cpansec.server.clocks;

import static org.cpansec.server.Http.enc;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cpansec.server.Http;

/** A browser-like client: keeps cookies, follows redirects, posts forms with the page's token. */
final class PageClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();
  private final String base;

  PageClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).build());
  }

  /** Loads {@code page}, then posts the fields to {@code action} with that page's CSRF token. */
  HttpResponse<String> submit(String page, String action, Map<String, String> fields) {
    return post(action, fields, csrf(page));
  }

  /** The CSRF token of the first form on the page. */
  String csrf(String page) {
    Matcher m = CSRF.matcher(get(page).body());
    if (!m.find()) {
      throw new AssertionError("no CSRF token on " + page);
    }
    return m.group(1);
  }

  HttpResponse<String> post(String action, Map<String, String> fields, String csrf) {
    String body =
        fields.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    if (csrf != null) {
      body += (body.isEmpty() ? "" : "&") + "_csrf=" + enc(csrf);
    }
    return send(
        HttpRequest.newBuilder(URI.create(base + action))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private HttpResponse<String> send(HttpRequest r) {
    return Http.send(http, r, HttpResponse.BodyHandlers.ofString());
  }
}
