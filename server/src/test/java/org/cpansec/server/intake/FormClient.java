package org.cpansec.server.intake;

import static org.cpansec.server.Http.enc;

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

/** A cookie-keeping client that fills forms the way a browser does, CSRF token included. */
final class FormClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();
  private final String base;

  FormClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).build());
  }

  /** Loads the page holding the form, then posts the fields with that page's CSRF token. */
  HttpResponse<String> submit(String formPage, String action, Map<String, String> fields) {
    Matcher m = CSRF.matcher(get(formPage).body());
    if (!m.find()) {
      throw new AssertionError("no CSRF token on " + formPage);
    }
    return post(action, fields, m.group(1));
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

  /** A file part: the name the browser sends, the type it claims, and the bytes. */
  record FilePart(String fileName, String claimedType, byte[] content) {}

  /**
   * Like {@link #submit}, as multipart/form-data with files under the field {@code attachments}.
   */
  HttpResponse<String> submitWithFiles(
      String formPage, String action, Map<String, String> fields, java.util.List<FilePart> files) {
    Matcher m = CSRF.matcher(get(formPage).body());
    if (!m.find()) {
      throw new AssertionError("no CSRF token on " + formPage);
    }
    String boundary = "----cpansec" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    Map<String, String> all = new java.util.LinkedHashMap<>(fields);
    all.put("_csrf", m.group(1));
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
    for (FilePart f : files) {
      write(
          body,
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"attachments\";"
              + " filename=\""
              + f.fileName()
              + "\"\r\nContent-Type: "
              + f.claimedType()
              + "\r\n\r\n");
      body.writeBytes(f.content());
      write(body, "\r\n");
    }
    write(body, "--" + boundary + "--\r\n");
    return send(
        HttpRequest.newBuilder(URI.create(base + action))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  private static void write(java.io.ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(HttpRequest r) {
    return Http.send(http, r, HttpResponse.BodyHandlers.ofString());
  }
}
