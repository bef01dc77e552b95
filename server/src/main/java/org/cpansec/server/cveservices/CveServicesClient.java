package org.cpansec.server.cveservices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The documented CVE Services API (https://cveawg.mitre.org/api): reserve CVE IDs, read one, list
 * them, publish a CNA container, update it, reject an ID or a record. Every call carries the three
 * headers {@code CVE-API-ORG}, {@code CVE-API-USER} and {@code CVE-API-KEY}; every failure becomes
 * a {@link CveServicesException} carrying the API's {@code error} and {@code message}. Logs name
 * the method, path and status, never a header.
 *
 * <p>Off until {@code cpansec.cve-services.org}, {@code user} and {@code api-key} are set: then
 * {@link #enabled()} is false and every call throws, saying which keys are missing.
 */
@Component
public class CveServicesClient {
  private static final Logger log = LoggerFactory.getLogger(CveServicesClient.class);
  private static final Pattern CVE_ID = Pattern.compile("CVE-[0-9]{4}-[0-9]{4,19}");
  private static final int MAX_PAGES = 1000;
  private static final int MAX_MESSAGE = 500;

  private final CveServicesProperties config;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final String base;

  public CveServicesClient(CveServicesProperties config) {
    this.config = Objects.requireNonNull(config, "config");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String url = config.baseUrl().toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    if (config.configured()) {
      log.info("CVE Services client on {} as {} of {}", base, config.user(), config.org());
    } else {
      log.info("CVE Services client is off: {}", disabledReason());
    }
  }

  /** May this client call CVE Services (are its credentials configured)? */
  public boolean enabled() {
    return config.configured();
  }

  /** Why the client is off, for pages and logs; empty when it is on. */
  public String disabledReason() {
    return enabled() ? "" : "CVE Services is not configured: set " + config.missing();
  }

  /** The organisation's short name at CVE Services. */
  public String org() {
    return config.org();
  }

  /** The API root in use. */
  public String baseUrl() {
    return base;
  }

  /**
   * Reserves {@code amount} IDs of {@code year} for the organisation ({@code POST /cve-id}). One ID
   * is reserved without a batch type (CVE Services' "priority" reservation); several need one.
   * Returns the IDs reserved, which may be fewer than asked (a 206 partial reservation).
   */
  public List<CveIdInfo> reserve(int amount, int year, BatchType batch) {
    if (amount < 1) {
      throw new IllegalArgumentException("amount must be at least 1, not " + amount);
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("amount", Integer.toString(amount));
    query.put("cve_year", Integer.toString(year));
    query.put("short_name", requireEnabled().org());
    if (amount > 1) {
      query.put("batch_type", Objects.requireNonNull(batch, "batch").parameter());
    }
    Answer a = call("POST", "/cve-id", query, null);
    if (a.status() == 206) {
      log.warn("CVE Services reserved only part of the {} IDs asked for {}", amount, year);
    }
    return ids(a.body().path("cve_ids"));
  }

  /** One ID as CVE Services knows it ({@code GET /cve-id/{id}}). */
  public CveIdInfo get(String cveId) {
    return info(call("GET", "/cve-id/" + checked(cveId), Map.of(), null).body());
  }

  /**
   * Every ID of the organisation in that state ({@code GET /cve-id?state=...}), all pages; {@code
   * null} for every state.
   */
  public List<CveIdInfo> list(String state) {
    List<CveIdInfo> all = new ArrayList<>();
    int page = 1;
    for (int n = 0; n < MAX_PAGES; n++) {
      Map<String, String> query = new LinkedHashMap<>();
      if (state != null) {
        query.put("state", state);
      }
      if (page > 1) {
        query.put("page", Integer.toString(page));
      }
      JsonNode body = call("GET", "/cve-id", query, null).body();
      // The paged answer is an object with cve_ids and nextPage; early versions sent the array.
      all.addAll(ids(body.isArray() ? body : body.path("cve_ids")));
      JsonNode next = body.path("nextPage");
      if (!next.canConvertToInt() || next.asInt() <= page) {
        return all;
      }
      page = next.asInt();
    }
    throw new CveServicesException(
        "CVE Services listed more than " + MAX_PAGES + " pages of IDs; stopped",
        0,
        null,
        null,
        null);
  }

  /**
   * Publishes the CVE record of a reserved ID from its CNA container ({@code POST /cve/{id}/cna},
   * body {@code {"cnaContainer": ...}}); returns the record CVE Services created.
   */
  public JsonNode publish(String cveId, JsonNode cnaContainer) {
    return record(call("POST", "/cve/" + checked(cveId) + "/cna", Map.of(), wrap(cnaContainer)));
  }

  /** Replaces the CNA container of a published record ({@code PUT /cve/{id}/cna}). */
  public JsonNode update(String cveId, JsonNode cnaContainer) {
    return record(call("PUT", "/cve/" + checked(cveId) + "/cna", Map.of(), wrap(cnaContainer)));
  }

  /**
   * Rejects a reserved ID that has no record yet ({@code POST /cve/{id}/reject}) with the reason
   * given (English).
   */
  public JsonNode reject(String cveId, String reason) {
    return record(call("POST", "/cve/" + checked(cveId) + "/reject", Map.of(), rejection(reason)));
  }

  /** Turns a published record into a rejected one ({@code PUT /cve/{id}/reject}). */
  public JsonNode rejectPublished(String cveId, String reason) {
    return record(call("PUT", "/cve/" + checked(cveId) + "/reject", Map.of(), rejection(reason)));
  }

  private ObjectNode wrap(JsonNode cnaContainer) {
    Objects.requireNonNull(cnaContainer, "cnaContainer");
    ObjectNode body = json.createObjectNode();
    body.set("cnaContainer", cnaContainer);
    return body;
  }

  private ObjectNode rejection(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a rejection needs a reason");
    }
    ObjectNode body = json.createObjectNode();
    ObjectNode r = body.putObject("cnaContainer").putArray("rejectedReasons").addObject();
    r.put("lang", "en");
    r.put("value", reason.strip());
    return body;
  }

  /** The record in a create/update answer ({@code created} or {@code updated}), else the body. */
  private static JsonNode record(Answer a) {
    for (String field : List.of("created", "updated")) {
      if (a.body().has(field)) {
        return a.body().get(field);
      }
    }
    return a.body();
  }

  private CveServicesProperties requireEnabled() {
    if (!enabled()) {
      throw new CveServicesException(disabledReason(), 0, null, null, null);
    }
    return config;
  }

  private static String checked(String cveId) {
    if (cveId == null || !CVE_ID.matcher(cveId).matches()) {
      throw new IllegalArgumentException("not a CVE id (expected CVE-YYYY-NNNN): " + cveId);
    }
    return cveId;
  }

  private record Answer(int status, JsonNode body) {}

  private Answer call(String method, String path, Map<String, String> query, JsonNode body) {
    CveServicesProperties c = requireEnabled();
    String what = method + " " + path;
    String url =
        base
            + path
            + (query.isEmpty()
                ? ""
                : query.entrySet().stream()
                    .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&", "?", "")));
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(c.requestTimeout())
            .header("CVE-API-ORG", c.org())
            .header("CVE-API-USER", c.user())
            .header("CVE-API-KEY", c.apiKey())
            .header("Accept", "application/json");
    if (body == null) {
      req.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      req.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
    }
    HttpResponse<String> res;
    try {
      res = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      log.warn("CVE Services: {} timed out", what);
      throw new CveServicesException(
          "CVE Services did not answer " + what + " within " + c.requestTimeout().toSeconds() + "s",
          e);
    } catch (IOException e) {
      log.warn("CVE Services: {} failed: {}", what, e.toString());
      throw new CveServicesException(
          "cannot reach CVE Services at "
              + base
              + " ("
              + what
              + "): "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CveServicesException("interrupted while calling CVE Services (" + what + ")", e);
    }
    int status = res.statusCode();
    log.info("CVE Services: {} -> {}", what, status);
    JsonNode answer = parse(res.body());
    if (status >= 200 && status < 300) {
      if (answer == null) {
        throw new CveServicesException(
            "CVE Services answered " + what + " with " + status + " but no JSON",
            status,
            null,
            null,
            null);
      }
      return new Answer(status, answer);
    }
    String error = answer == null ? null : text(answer.get("error"));
    String message = answer == null ? null : text(answer.get("message"));
    JsonNode details = answer == null ? null : answer.get("details");
    StringBuilder m = new StringBuilder("CVE Services refused ").append(what).append(": HTTP ");
    m.append(status);
    if (error != null) {
      m.append(' ').append(error);
    }
    if (message != null) {
      m.append(": ").append(clip(message));
    }
    if (answer == null && !res.body().isBlank()) {
      m.append(" (not JSON: ").append(clip(res.body().strip())).append(')');
    }
    throw new CveServicesException(m.toString(), status, error, message, details);
  }

  private String write(JsonNode body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static List<CveIdInfo> ids(JsonNode array) {
    List<CveIdInfo> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(info(n));
    }
    return out;
  }

  private static CveIdInfo info(JsonNode n) {
    String id = text(n.get("cve_id"));
    if (id == null || !CVE_ID.matcher(id).matches()) {
      throw new CveServicesException(
          "CVE Services sent an entry without a valid cve_id: " + clip(n.toString()),
          200,
          null,
          null,
          null);
    }
    JsonNode year = n.get("cve_year");
    int y =
        year != null && year.asText().matches("[0-9]{4}")
            ? Integer.parseInt(year.asText())
            : Integer.parseInt(id.substring(4, 8));
    return new CveIdInfo(
        id,
        y,
        text(n.get("state")),
        text(n.get("owning_cna")),
        text(n.path("requested_by").get("user")),
        time(text(n.get("reserved"))));
  }

  private static OffsetDateTime time(String s) {
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
  }

  private static String clip(String s) {
    return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "…" : s;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
