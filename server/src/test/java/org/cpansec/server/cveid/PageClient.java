package org.cpansec.server.cveid;

import static org.cpansec.server.Http.enc;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cpansec.server.Http;
import org.cpansec.server.cases.SignedMembers;

/**
 * A browser-like client for the pool's pages: keeps cookies, follows redirects, posts forms. Signed
 * in, it carries a member's session ({@link SignedMembers}).
 */
final class PageClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();
  private final String base;

  PageClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** This client, carrying the session of a signed-in member. */
  PageClient withSession(String session) {
    SignedMembers.useSession(cookies, URI.create(base), session);
    return this;
  }

  HttpResponse<String> get(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").build());
  }

  /** The CSRF token of the form on that page. */
  String csrf(String page) {
    HttpResponse<String> r = get(page);
    Matcher m = CSRF.matcher(r.body());
    if (!m.find()) {
      throw new AssertionError("no CSRF token on " + page + " (status " + r.statusCode() + ")");
    }
    return m.group(1);
  }

  /** Posts the fields, url-encoded, with the CSRF token of {@code page}. */
  HttpResponse<String> post(String page, String action, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("_csrf", csrf(page));
    String body =
        all.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(base + action))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Posts multipart/form-data: the fields and one file under {@code fileField}. */
  HttpResponse<String> upload(
      String page,
      String action,
      Map<String, String> fields,
      String fileField,
      String name,
      byte[] content) {
    String boundary = "----cveid" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("_csrf", csrf(page));
    for (var e : all.entrySet()) {
      write(
          body,
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\""
              + e.getKey()
              + "\"\r\n\r\n"
              + e.getValue()
              + "\r\n");
    }
    write(
        body,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + fileField
            + "\"; filename=\""
            + name
            + "\"\r\nContent-Type: text/plain\r\n\r\n");
    body.writeBytes(content);
    write(body, "\r\n--" + boundary + "--\r\n");
    return send(
        HttpRequest.newBuilder(URI.create(base + action))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  private HttpResponse<String> send(HttpRequest req) {
    return Http.send(http, req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
