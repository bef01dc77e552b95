package org.cpansec.server.record;

import static org.cpansec.server.Http.enc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
import org.cpansec.server.cases.SignedMembers;
import org.springframework.web.util.HtmlUtils;

/**
 * The editor as a browser uses it, over real HTTP: pages, the form (with its CSRF token), and the
 * check endpoint called with the page's token in the header, as editor.js does. Signed in, it
 * carries a member's session ({@link SignedMembers}).
 */
final class RecordClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern TEXTAREA =
      Pattern.compile("<textarea id=\"yaml\"[^>]*>(.*?)</textarea>", Pattern.DOTALL);
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  private final String base;

  RecordClient(int port, boolean followRedirects) {
    this.base = "http://127.0.0.1:" + port;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(
                followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
            .build();
  }

  /** This client, carrying the session of a signed-in member. */
  RecordClient withSession(String session) {
    SignedMembers.useSession(cookies, URI.create(base), session);
    return this;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html"));
  }

  /** The CSRF token of a page. */
  static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    if (!m.find()) {
      throw new AssertionError("no CSRF token on the page");
    }
    return m.group(1);
  }

  /** The editor's text as a browser shows it (the first newline after the tag is dropped). */
  static String textarea(String page) {
    Matcher m = TEXTAREA.matcher(page);
    if (!m.find()) {
      throw new AssertionError("no editor on the page");
    }
    String raw = m.group(1);
    return HtmlUtils.htmlUnescape(raw.startsWith("\n") ? raw.substring(1) : raw);
  }

  HttpResponse<String> form(String path, Map<String, String> fields, String csrf) {
    String body =
        fields.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    if (csrf != null) {
      body += "&_csrf=" + enc(csrf);
    }
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** POSTs the check request with the token in the X-CSRF-TOKEN header (null: no header). */
  HttpResponse<String> check(String ref, String cve, String yaml, boolean strict, String csrf) {
    ObjectNode body = JSON.createObjectNode();
    if (cve != null) {
      body.put("cve", cve);
    }
    body.put("yaml", yaml);
    body.put("strict", strict);
    return checkRaw(ref, body.toString(), csrf);
  }

  HttpResponse<String> checkRaw(String ref, String body, String csrf) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/cna/cases/" + ref + "/record/check"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (csrf != null) {
      b.header("X-CSRF-TOKEN", csrf);
    }
    return send(b);
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder r) {
    return Http.send(http, r.build(), HttpResponse.BodyHandlers.ofString());
  }
}
