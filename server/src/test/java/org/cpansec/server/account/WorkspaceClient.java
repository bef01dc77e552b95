package org.cpansec.server.account;

import static org.cpansec.server.Http.enc;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.server.Http;
import org.cpansec.server.security.Totp;

/**
 * A browser-like HTTP client for workspace tests: keeps cookies (its own session), signs in through
 * {@code /login} and {@code /login/totp} (computing the TOTP code from the member's secret), and
 * sends forms with the CSRF token of the pages it loaded.
 *
 * <pre>{@code
 * WorkspaceClient c = new WorkspaceClient(port).signIn(member);   // a TestMembers.TestMember
 * HttpResponse<String> page = c.get("/cna/cases");                // follows redirects
 * HttpResponse<String> r = c.post("/cna/cases", Map.of("title", "X")); // CSRF added; not followed
 * assertThat(r.statusCode()).isEqualTo(302);
 * c.follow(r);                                                    // the page redirected to
 * c.submit("/admin/accounts", "/admin/accounts",                  // token from that very page
 *     Map.of("username", "bob", "roles", List.of("CNA_MEMBER", "ADMIN")));
 * }</pre>
 *
 * <p>Field values are strings, or collections of strings for repeated fields (checkboxes). {@link
 * #post} uses the CSRF token of the last page loaded (every workspace page has one, in its sign-out
 * form), loading {@code /account} first when it has none. {@link #getNoRedirect} shows what the
 * server answered (a 302 to {@code /login}, say). Codes are computed with the clock given (the
 * server's, when a test replaces it); a code's time step is never used twice in this JVM, as the
 * server refuses that: when the three steps the server accepts are all used for a member, a sign-in
 * on the system clock waits for the next step, and one on another clock fails (move it).
 */
public final class WorkspaceClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

  /** How long before a step boundary the step before now is no longer used (system clock). */
  static final long MARGIN_MILLIS = 10_000;

  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  private final String base;
  private final Clock clock;
  private String csrf;

  /** A client of the server on this loopback port, computing codes by the system clock. */
  public WorkspaceClient(int port) {
    this(port, Clock.systemUTC());
  }

  /** A client computing codes by the given clock (the one the server uses). */
  public WorkspaceClient(int port, Clock clock) {
    this.base = "http://127.0.0.1:" + port;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Signs in as a test member; fails the test unless the workspace (or its notice) is reached. */
  public WorkspaceClient signIn(TestMembers.TestMember m) {
    return signIn(m.username(), m.password(), m.totpSecret());
  }

  /** Signs in with both steps; fails the test unless the workspace (or its notice) is reached. */
  public WorkspaceClient signIn(String username, String password, String totpSecret) {
    HttpResponse<String> first = password(username, password);
    if (first.statusCode() != 302
        || !first.headers().firstValue("Location").orElse("").endsWith("/login/totp")) {
      throw new AssertionError(
          "password step refused for " + username + ": " + first.statusCode() + " " + first.body());
    }
    HttpResponse<String> second = code(nextCode(totpSecret));
    if (second.statusCode() != 302
        || !second.headers().firstValue("Location").orElse("").endsWith("/cna")) {
      throw new AssertionError(
          "code step refused for " + username + ": " + second.statusCode() + " " + second.body());
    }
    get("/cna");
    return this;
  }

  /** Step 1 alone: posts username and password to /login (response not followed). */
  public HttpResponse<String> password(String username, String password) {
    HttpResponse<String> form = get("/login");
    remember(form.body());
    return post("/login", Map.of("username", username, "password", password));
  }

  /** Step 2 alone: posts a code to /login/totp (response not followed). */
  public HttpResponse<String> code(String code) {
    HttpResponse<String> form = get("/login/totp");
    remember(form.body());
    return post("/login/totp", Map.of("code", code));
  }

  /**
   * The code of the earliest step the server will still accept for this secret (one step either
   * side of now, later than any step used through this class), and marks that step used. On the
   * system clock, the step before now is skipped in the last {@link #MARGIN_MILLIS} of the current
   * step: its code stops working at the next step boundary, which could pass before the server
   * checks it.
   */
  public String nextCode(String totpSecret) {
    for (int attempt = 0; attempt < 3; attempt++) {
      long now = Totp.step(clock.instant());
      long stepMillis = Totp.STEP_SECONDS * 1000;
      boolean nearBoundary =
          clock.equals(Clock.systemUTC())
              && stepMillis - clock.millis() % stepMillis < MARGIN_MILLIS;
      synchronized (LAST_STEP) {
        long last = LAST_STEP.getOrDefault(totpSecret, Long.MIN_VALUE);
        for (long s = nearBoundary ? now : now - Totp.WINDOW; s <= now + Totp.WINDOW; s++) {
          if (s > last) {
            LAST_STEP.put(totpSecret, s);
            return Totp.code(totpSecret, s);
          }
        }
      }
      if (!clock.equals(Clock.systemUTC())) {
        throw new IllegalStateException(
            "all codes of the current window are used for this member: advance the test clock");
      }
      sleepUntilNextStep();
    }
    throw new IllegalStateException("no TOTP step became free");
  }

  /** Records that a step was used for a secret outside this class (an enrolment, say). */
  public static void stepUsed(String totpSecret, long step) {
    LAST_STEP.merge(totpSecret, step, Math::max);
  }

  /** GET, following redirects like a browser; remembers the page's CSRF token. */
  public HttpResponse<String> get(String path) {
    return followAll(getNoRedirect(path));
  }

  /** GET without following a redirect; remembers the page's CSRF token. */
  public HttpResponse<String> getNoRedirect(String path) {
    HttpResponse<String> r =
        send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build());
    remember(r.body());
    return r;
  }

  /**
   * POSTs form fields with the CSRF token of the last page loaded (loading {@code /account} when
   * none was). The response is not followed: see {@link #follow}.
   */
  public HttpResponse<String> post(String path, Map<String, ?> fields) {
    if (csrf == null) {
      get("/account");
    }
    return postWithToken(path, fields, csrf);
  }

  /** POSTs form fields with exactly this CSRF token (null: none), not followed. */
  public HttpResponse<String> postWithToken(String path, Map<String, ?> fields, String token) {
    List<String> pairs = new ArrayList<>();
    fields.forEach(
        (k, v) -> {
          if (v instanceof Collection<?> values) {
            values.forEach(x -> pairs.add(enc(k) + "=" + enc(String.valueOf(x))));
          } else {
            pairs.add(enc(k) + "=" + enc(String.valueOf(v)));
          }
        });
    if (token != null) {
      pairs.add("_csrf=" + enc(token));
    }
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)))
                .build());
    remember(r.body());
    return r;
  }

  /** Loads the form's page, then posts the fields with its CSRF token, following the answer. */
  public HttpResponse<String> submit(String formPage, String action, Map<String, ?> fields) {
    HttpResponse<String> page = get(formPage);
    Matcher m = CSRF.matcher(page.body());
    if (!m.find()) {
      throw new AssertionError("no CSRF token on " + formPage + " (" + page.statusCode() + ")");
    }
    return follow(postWithToken(action, fields, m.group(1)));
  }

  /** Follows a redirect answer with a GET (other answers are returned as they are). */
  public HttpResponse<String> follow(HttpResponse<String> r) {
    return followAll(r);
  }

  private HttpResponse<String> followAll(HttpResponse<String> first) {
    HttpResponse<String> r = first;
    for (int i = 0; i < 10 && isRedirect(r); i++) {
      r = send(HttpRequest.newBuilder(location(r)).header("Accept", "text/html").GET().build());
      remember(r.body());
    }
    return r;
  }

  /** The CSRF token of the last page loaded that had one. */
  public String csrfToken() {
    return csrf;
  }

  /** The session cookie's value (Spring Session's {@code SESSION}), if the server set one. */
  public Optional<String> sessionId() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("SESSION"))
        .map(HttpCookie::getValue)
        .findFirst();
  }

  /** Replaces the session cookie (to try an old session id, say). */
  public void useSessionId(String value) {
    cookies.getCookieStore().removeAll();
    HttpCookie c = new HttpCookie("SESSION", value);
    c.setPath("/");
    c.setVersion(0);
    cookies.getCookieStore().add(URI.create(base), c);
  }

  /** An absolute URI on the server. */
  public URI uri(String path) {
    return URI.create(base + path);
  }

  private void remember(String body) {
    Matcher m = CSRF.matcher(body == null ? "" : body);
    if (m.find()) {
      csrf = m.group(1);
    }
  }

  private static boolean isRedirect(HttpResponse<String> r) {
    return r.statusCode() / 100 == 3 && r.headers().firstValue("Location").isPresent();
  }

  private URI location(HttpResponse<String> r) {
    return r.uri().resolve(r.headers().firstValue("Location").orElseThrow());
  }

  private HttpResponse<String> send(HttpRequest request) {
    return Http.send(http, request, HttpResponse.BodyHandlers.ofString());
  }

  private void sleepUntilNextStep() {
    long millis = Totp.STEP_SECONDS * 1000 - clock.millis() % (Totp.STEP_SECONDS * 1000) + 50;
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
