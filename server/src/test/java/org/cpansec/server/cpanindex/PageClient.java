package org.cpansec.server.cpanindex;

import static org.cpansec.server.Http.enc;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cpansec.server.Http;
import org.cpansec.server.cases.SignedMembers;

/**
 * A cookie-keeping client that loads pages and posts forms (multipart or not) with their CSRF
 * token. Signed in, it carries a member's session ({@link SignedMembers}).
 */
final class PageClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  private final String base;

  PageClient(int port) {
    this(port, true);
  }

  PageClient(int port, boolean followRedirects) {
    this.base = "http://127.0.0.1:" + port;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(
                followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
            .build();
  }

  /** This client, carrying the session of a signed-in member. */
  PageClient withSession(String session) {
    SignedMembers.useSession(cookies, URI.create(base), session);
    return this;
  }

  /** Posts url-encoded fields with the token (not a file form). */
  HttpResponse<String> post(String action, String csrf, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    body += (body.isEmpty() ? "" : "&") + "_csrf=" + enc(csrf);
    return send(
        HttpRequest.newBuilder(URI.create(base + action))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).build());
  }

  HttpResponse<String> lookup(String distribution) {
    return get(
        CpanIndexController.PATH
            + "?distribution="
            + URLEncoder.encode(distribution, StandardCharsets.UTF_8));
  }

  /** The CSRF token in a page already loaded. */
  String csrfOf(String page) {
    Matcher m = CSRF.matcher(page);
    if (!m.find()) {
      throw new AssertionError("no CSRF token on the page");
    }
    return m.group(1);
  }

  /** The CSRF token of a page's form. */
  String csrf(String page) {
    Matcher m = CSRF.matcher(get(page).body());
    if (!m.find()) {
      throw new AssertionError("no CSRF token on " + page);
    }
    return m.group(1);
  }

  /** Posts files (field name to file name and bytes) as multipart/form-data with the token. */
  HttpResponse<String> upload(
      String action, String csrf, Map<String, Map.Entry<String, byte[]>> files) {
    String boundary = "----cpanindex" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    write(
        body,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
            + csrf
            + "\r\n");
    for (var f : files.entrySet()) {
      write(
          body,
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\""
              + f.getKey()
              + "\"; filename=\""
              + f.getValue().getKey()
              + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
      body.writeBytes(f.getValue().getValue());
      write(body, "\r\n");
    }
    write(body, "--" + boundary + "--\r\n");
    return send(
        HttpRequest.newBuilder(URI.create(base + action))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(HttpRequest r) {
    return Http.send(http, r, HttpResponse.BodyHandlers.ofString());
  }
}
