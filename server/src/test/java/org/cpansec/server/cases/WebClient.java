package org.cpansec.server.cases;

import static org.cpansec.server.Http.enc;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cpansec.server.Http;

/**
 * A browser-like client: keeps cookies, follows redirects, posts forms with the CSRF token. Signed
 * in, it carries a member's session (see {@link SignedMembers}).
 */
final class WebClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  private final String base;

  WebClient(int port) {
    this(port, true);
  }

  WebClient(int port, boolean followRedirects) {
    this.base = "http://127.0.0.1:" + port;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(
                followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
            .build();
  }

  /** This client, carrying the session of a signed-in member. */
  WebClient withSession(String session) {
    SignedMembers.useSession(cookies, URI.create(base), session);
    return this;
  }

  HttpResponse<String> get(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> bytes(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The CSRF token of a page holding a form. */
  String csrf(String page) {
    Matcher m = CSRF.matcher(get(page).body());
    if (!m.find()) {
      throw new AssertionError("no CSRF token on " + page);
    }
    return m.group(1);
  }

  /** Loads the page with the form, then posts the fields with its CSRF token. */
  HttpResponse<String> submit(String page, String action, Map<String, String> fields) {
    return post(action, fields, csrf(page));
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
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Posts one file as multipart/form-data under the field {@code file}, with the CSRF token. */
  HttpResponse<String> upload(String page, String action, String fileName, byte[] content) {
    String boundary = "----cases" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n");
    write(body, csrf(page) + "\r\n");
    write(
        body,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: text/html\r\n\r\n");
    body.writeBytes(content);
    write(body, "\r\n--" + boundary + "--\r\n");
    return send(
        HttpRequest.newBuilder(URI.create(base + action))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private <T> HttpResponse<T> send(HttpRequest r, HttpResponse.BodyHandler<T> handler) {
    return Http.send(http, r, handler);
  }
}
