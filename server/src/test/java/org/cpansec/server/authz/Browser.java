package org.cpansec.server.authz;

import static org.cpansec.server.Http.enc;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.server.Http;
import org.cpansec.server.cases.SignedMembers;

/**
 * One viewer's HTTP client: its own cookies (a member's session, or the session an external party
 * or anonymous visitor gets from a form page), never following a redirect, reading every body as
 * bytes so that downloads and zips are scanned as they are.
 */
final class Browser {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  /** A public page that always holds a form, so any session gets a CSRF token from it. */
  private static final String FORM_PAGE = "/report/vulnerability";

  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  private final String base;
  private final String name;

  Browser(int port, String name) {
    this.base = "http://127.0.0.1:" + port;
    this.name = name;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** This client, carrying the given member session. */
  Browser withSession(String session) {
    SignedMembers.useSession(cookies, URI.create(base), session);
    return this;
  }

  String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }

  Answer get(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,*/*").GET());
  }

  /** A form POST; {@code csrf} null sends none. */
  Answer post(String path, Map<String, String> fields, String csrf) {
    List<String> pairs = new ArrayList<>();
    fields.forEach((k, v) -> pairs.add(enc(k) + "=" + enc(v)));
    if (csrf != null) {
      pairs.add("_csrf=" + enc(csrf));
    }
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Accept", "text/html,*/*")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))));
  }

  /** A JSON POST; {@code csrf} (sent as the {@code X-CSRF-TOKEN} header) null sends none. */
  Answer postJson(String path, String json, String csrf) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (csrf != null) {
      b.header("X-CSRF-TOKEN", csrf);
    }
    return send(b);
  }

  /** A valid CSRF token of this client's session, from a public page with a form. */
  String csrf() {
    Answer page = get(FORM_PAGE);
    Matcher m = CSRF.matcher(page.text());
    if (!m.find()) {
      throw new AssertionError(
          name + ": no CSRF token on " + FORM_PAGE + " (" + page.status() + ")");
    }
    return m.group(1);
  }

  private Answer send(HttpRequest.Builder request) {
    HttpResponse<byte[]> r =
        Http.send(http, request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(r.statusCode(), r.headers().map(), r.body());
  }
}
