package org.cpansec.server.cveservices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.cve.schema.BundledSchema;
import org.cpansec.cve.schema.SchemaViolation;

/**
 * A local stand-in for CVE Services, in memory, on a random loopback port: the documented endpoints
 * the platform uses ({@code POST/GET /cve-id}, {@code GET /cve-id/{id}}, {@code POST/PUT
 * /cve/{id}/cna}, {@code POST/PUT /cve/{id}/reject}), the three authentication headers, the states
 * RESERVED → PUBLISHED → REJECTED, CNA containers validated against the official CVE JSON 5.1.1
 * schema (the one core bundles), and errors in the API's shape {@code {"error", "message",
 * "details"?}}. Shared by the client's tests and the publication tests.
 *
 * <p>The organisation, user and key are fixed per instance; IDs of another organisation can be
 * seeded to test ownership checks.
 */
public final class CveServicesStandIn implements AutoCloseable {
  /** The organisation short name the stand-in knows by default. */
  public static final String ORG = "cpansec";

  /** The user the stand-in knows by default. */
  public static final String USER = "cna-robot@cpansec.test";

  /** The API key the stand-in accepts by default. */
  public static final String KEY = "stand-in-api-key-0123456789";

  private static final Pattern CVE_ID = Pattern.compile("CVE-([0-9]{4})-[0-9]{4,19}");
  private static final Pattern ID_PATH = Pattern.compile("/api/cve-id/([^/]+)");
  private static final Pattern RECORD_PATH = Pattern.compile("/api/cve/([^/]+)/(cna|reject)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchema REJECTED = rejectedSchema();

  private final String org;
  private final String user;
  private final String key;
  private final UUID orgId = UUID.randomUUID();
  private final HttpServer server;
  private final Map<String, Id> ids = new LinkedHashMap<>();
  private final Map<Integer, Integer> next = new HashMap<>();
  private final Set<Integer> years = new TreeSet<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private int itemsPerPage = 500;
  private int quota = 1000;
  private int failingRecordWrites;
  private int failingStatus;

  /** One ID and, once there is one, its record. */
  private static final class Id {
    final String cveId;
    final int year;
    final String owner;
    String state = "RESERVED";
    final Instant reserved;
    Instant modified;
    ObjectNode record;

    Id(String cveId, int year, String owner, Instant reserved) {
      this.cveId = cveId;
      this.year = year;
      this.owner = owner;
      this.reserved = reserved;
      this.modified = reserved;
    }
  }

  /** A stand-in for {@link #ORG}, {@link #USER} and {@link #KEY}. */
  public static CveServicesStandIn start() {
    return new CveServicesStandIn(ORG, USER, KEY);
  }

  public CveServicesStandIn(String org, String user, String key) {
    this.org = org;
    this.user = user;
    this.key = key;
    int year = Instant.now().atZone(ZoneOffset.UTC).getYear();
    for (int y = 1999; y <= year + 1; y++) {
      years.add(y);
    }
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/api/", this::handle);
    server.start();
  }

  /** The API root, {@code http://127.0.0.1:PORT/api}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
  }

  /** Properties for a client of this stand-in with these credentials. */
  public CveServicesProperties properties(String withOrg, String withUser, String withKey) {
    return new CveServicesProperties(
        baseUrl(),
        withOrg,
        withUser,
        withKey,
        java.time.Duration.ofSeconds(5),
        java.time.Duration.ofSeconds(20));
  }

  /** Properties for a client with the right credentials. */
  public CveServicesProperties properties() {
    return properties(org, user, key);
  }

  /** The organisation UUID the stand-in puts in {@code providerMetadata}. */
  public UUID orgId() {
    return orgId;
  }

  /** Page size of {@code GET /cve-id}. */
  public synchronized void itemsPerPage(int n) {
    this.itemsPerPage = n;
  }

  /** How many more IDs the organisation may reserve. */
  public synchronized void quota(int n) {
    this.quota = n;
  }

  /**
   * Makes the next {@code count} writes of a CNA container ({@code POST} or {@code PUT
   * /cve/{id}/cna}) fail with {@code status} (an outage: nothing is stored), in the API's error
   * shape.
   */
  public synchronized void failRecordWrites(int count, int status) {
    this.failingRecordWrites = count;
    this.failingStatus = status;
  }

  /** The years IDs may be reserved for (CVE Services' "ID ranges"). */
  public synchronized void years(int... allowed) {
    years.clear();
    for (int y : allowed) {
      years.add(y);
    }
  }

  /** Adds an ID owned by {@code owner} in {@code state}, as if reserved earlier. */
  public synchronized void seed(String cveId, String owner, String state) {
    Matcher m = CVE_ID.matcher(cveId);
    if (!m.matches()) {
      throw new IllegalArgumentException(cveId);
    }
    Id id = new Id(cveId, Integer.parseInt(m.group(1)), owner, Instant.now());
    id.state = state;
    ids.put(cveId, id);
  }

  /** The state of an ID, or null when the stand-in has never heard of it. */
  public synchronized String state(String cveId) {
    Id id = ids.get(cveId);
    return id == null ? null : id.state;
  }

  /** The record of an ID (published or rejected), or null. */
  public synchronized JsonNode record(String cveId) {
    Id id = ids.get(cveId);
    return id == null || id.record == null ? null : id.record.deepCopy();
  }

  /** Every request so far, {@code METHOD /path?query}, oldest first. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ---- dispatch -----------------------------------------------------------------------------

  private record Reply(int status, JsonNode body) {}

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getPath();
      String rawQuery = ex.getRequestURI().getRawQuery();
      requests.add(method + " " + path + (rawQuery == null ? "" : "?" + rawQuery));
      byte[] in = ex.getRequestBody().readAllBytes();
      Reply r;
      synchronized (this) {
        r = route(ex, method, path, query(rawQuery), new String(in, StandardCharsets.UTF_8));
      }
      byte[] out = JSON.writeValueAsBytes(r.body());
      ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      ex.sendResponseHeaders(r.status(), out.length);
      ex.getResponseBody().write(out);
    }
  }

  private Reply route(
      HttpExchange ex, String method, String path, Map<String, String> q, String body) {
    Reply auth = authenticate(ex);
    if (auth != null) {
      return auth;
    }
    if (path.equals("/api/cve-id")) {
      return switch (method) {
        case "POST" -> reserve(q);
        case "GET" -> list(q);
        default -> error(405, "METHOD_NOT_ALLOWED", method + " is not supported here.");
      };
    }
    Matcher id = ID_PATH.matcher(path);
    if (id.matches() && method.equals("GET")) {
      return get(id.group(1));
    }
    Matcher rec = RECORD_PATH.matcher(path);
    if (rec.matches()) {
      JsonNode json;
      try {
        json = body.isBlank() ? null : JSON.readTree(body);
      } catch (IOException e) {
        json = null;
      }
      String cveId = rec.group(1);
      boolean cna = rec.group(2).equals("cna");
      if (cna && failingRecordWrites > 0 && (method.equals("POST") || method.equals("PUT"))) {
        failingRecordWrites--;
        return error(failingStatus, "INTERNAL_SERVER_ERROR", "The stand-in is failing on purpose.");
      }
      return switch (method) {
        case "POST" -> cna ? publish(cveId, json) : reject(cveId, json, false);
        case "PUT" -> cna ? update(cveId, json) : reject(cveId, json, true);
        default -> error(405, "METHOD_NOT_ALLOWED", method + " is not supported here.");
      };
    }
    return error(404, "NOT_FOUND", "404: resource not found");
  }

  private Reply authenticate(HttpExchange ex) {
    for (String header : List.of("CVE-API-ORG", "CVE-API-USER", "CVE-API-KEY")) {
      String v = ex.getRequestHeaders().getFirst(header);
      if (v == null || v.isBlank()) {
        return error(400, "BAD_REQUEST", header + " header field required.");
      }
    }
    if (!org.equals(ex.getRequestHeaders().getFirst("CVE-API-ORG"))
        || !user.equals(ex.getRequestHeaders().getFirst("CVE-API-USER"))
        || !key.equals(ex.getRequestHeaders().getFirst("CVE-API-KEY"))) {
      return error(401, "UNAUTHORIZED", "Unauthorized");
    }
    return null;
  }

  // ---- /cve-id ------------------------------------------------------------------------------

  private Reply reserve(Map<String, String> q) {
    String shortName = q.get("short_name");
    if (shortName == null) {
      return error(400, "NO_SHORT_NAME", "The short_name query parameter is required.");
    }
    if (!shortName.equals(org)) {
      return error(403, "CNA_CANNOT_RESERVE_FOR_OTHER", "A CNA cannot reserve for another CNA.");
    }
    String year = q.get("cve_year");
    if (year == null || !year.matches("[0-9]{4}")) {
      return badInput("cve_year", year, "cve_year must be a four-digit year");
    }
    String amount = q.get("amount");
    if (amount == null || !amount.matches("[0-9]{1,6}") || Integer.parseInt(amount) < 1) {
      return badInput("amount", amount, "amount must be a positive integer");
    }
    int n = Integer.parseInt(amount);
    String batch = q.get("batch_type");
    if (n > 1 && batch == null) {
      return error(
          400, "NO_BATCH_TYPE", "The batch_type parameter is required when amount is more than 1.");
    }
    if (batch != null
        && !List.of("sequential", "nonsequential", "non-sequential").contains(batch)) {
      return badInput("batch_type", batch, "batch_type must be sequential or nonsequential");
    }
    int y = Integer.parseInt(year);
    if (!years.contains(y)) {
      return error(403, "CANNOT_RESERVE_FOR_YEAR", "CVE IDs cannot be reserved for " + y + ".");
    }
    if (n > quota) {
      return error(403, "EXCEEDED_ID_QUOTA", "The amount requested exceeds the available quota.");
    }
    ArrayNode reserved = JSON.createArrayNode();
    Instant now = Instant.now();
    for (int i = 0; i < n; i++) {
      int step = batch == null || batch.equals("sequential") ? 1 : 7;
      int number = next.merge(y, step, Integer::sum) + 40000;
      String cveId = String.format("CVE-%d-%d", y, number);
      Id id = new Id(cveId, y, org, now);
      ids.put(cveId, id);
      reserved.add(full(id));
    }
    quota -= n;
    ObjectNode body = JSON.createObjectNode();
    body.set("cve_ids", reserved);
    body.putObject("meta").put("remaining_quota", quota);
    return new Reply(200, body);
  }

  private Reply list(Map<String, String> q) {
    String state = q.get("state");
    if (state != null && !List.of("RESERVED", "PUBLISHED", "REJECTED").contains(state)) {
      return badInput("state", state, "state must be RESERVED, PUBLISHED or REJECTED");
    }
    String year = q.get("cve_id_year");
    List<Id> match =
        ids.values().stream()
            .filter(i -> i.owner.equals(org))
            .filter(i -> state == null || i.state.equals(state))
            .filter(i -> year == null || Integer.toString(i.year).equals(year))
            .sorted(Comparator.comparing((Id i) -> i.cveId.length()).thenComparing(i -> i.cveId))
            .toList();
    int page = 1;
    if (q.get("page") != null) {
      if (!q.get("page").matches("[0-9]{1,6}") || Integer.parseInt(q.get("page")) < 1) {
        return badInput("page", q.get("page"), "page must be a positive integer");
      }
      page = Integer.parseInt(q.get("page"));
    }
    int pages = Math.max(1, (match.size() + itemsPerPage - 1) / itemsPerPage);
    ObjectNode body = JSON.createObjectNode();
    ArrayNode out = body.putArray("cve_ids");
    match.stream()
        .skip((long) (page - 1) * itemsPerPage)
        .limit(itemsPerPage)
        .forEach(i -> out.add(full(i)));
    if (match.size() > itemsPerPage) {
      body.put("totalCount", match.size());
      body.put("itemsPerPage", itemsPerPage);
      body.put("pageCount", pages);
      body.put("currentPage", page);
      if (page > 1) {
        body.put("prevPage", page - 1);
      } else {
        body.putNull("prevPage");
      }
      if (page < pages) {
        body.put("nextPage", page + 1);
      } else {
        body.putNull("nextPage");
      }
    }
    return new Reply(200, body);
  }

  private Reply get(String cveId) {
    Id id = ids.get(cveId);
    if (id == null || (!id.owner.equals(org) && id.state.equals("RESERVED"))) {
      return error(404, "CVE_ID_NOT_FOUND", cveId + " not found");
    }
    if (!id.owner.equals(org)) {
      ObjectNode partial = JSON.createObjectNode();
      partial.put("cve_id", id.cveId);
      partial.put("cve_year", Integer.toString(id.year));
      partial.put("state", id.state);
      partial.put("owning_cna", id.owner);
      return new Reply(200, partial);
    }
    return new Reply(200, full(id));
  }

  private ObjectNode full(Id id) {
    ObjectNode n = JSON.createObjectNode();
    n.put("cve_id", id.cveId);
    n.put("cve_year", Integer.toString(id.year));
    n.put("owning_cna", id.owner);
    n.put("state", id.state);
    ObjectNode by = n.putObject("requested_by");
    by.put("cna", id.owner);
    by.put("user", user);
    n.put("reserved", iso(id.reserved));
    ObjectNode time = n.putObject("time");
    time.put("created", iso(id.reserved));
    time.put("modified", iso(id.modified));
    return n;
  }

  // ---- /cve/{id}/cna and /cve/{id}/reject ---------------------------------------------------

  private Reply publish(String cveId, JsonNode body) {
    Reply owned = owned(cveId);
    if (owned != null) {
      return owned;
    }
    Id id = ids.get(cveId);
    if (!id.state.equals("RESERVED")) {
      return error(403, "CVE_RECORD_EXISTS", "The cve record for the cve id already exists.");
    }
    return storePublished(id, body, "created", " record was successfully created.");
  }

  private Reply update(String cveId, JsonNode body) {
    Reply owned = owned(cveId);
    if (owned != null) {
      return owned;
    }
    Id id = ids.get(cveId);
    if (!id.state.equals("PUBLISHED")) {
      return error(
          403,
          "CVE_RECORD_DNE",
          "The cve record for the cve id does not exist or is not published.");
    }
    return storePublished(id, body, "updated", " record was successfully updated.");
  }

  private Reply storePublished(Id id, JsonNode body, String field, String message) {
    JsonNode container = body == null ? null : body.get("cnaContainer");
    if (container == null || !container.isObject()) {
      return error(400, "CVE_BAD_REQUEST", "Request body format is incorrect.");
    }
    ObjectNode cna = container.deepCopy();
    Instant now = Instant.now();
    cna.set("providerMetadata", provider(now));
    List<SchemaViolation> violations = BundledSchema.cnaContainer().validate(cna);
    if (!violations.isEmpty()) {
      return invalidSchema(violations.stream().map(SchemaViolation::toString).toList());
    }
    ObjectNode record = JSON.createObjectNode();
    record.put("dataType", "CVE_RECORD");
    record.put("dataVersion", "5.1");
    ObjectNode meta = record.putObject("cveMetadata");
    meta.put("cveId", id.cveId);
    meta.put("assignerOrgId", orgId.toString());
    meta.put("assignerShortName", org);
    meta.put("state", "PUBLISHED");
    meta.put("dateReserved", iso(id.reserved));
    String published =
        id.record == null ? iso(now) : id.record.path("cveMetadata").path("datePublished").asText();
    meta.put("datePublished", published);
    meta.put("dateUpdated", iso(now));
    record.putObject("containers").set("cna", cna);
    id.state = "PUBLISHED";
    id.modified = now;
    id.record = record;
    ObjectNode reply = JSON.createObjectNode();
    reply.put("message", id.cveId + message);
    reply.set(field, record.deepCopy());
    return new Reply(200, reply);
  }

  private Reply reject(String cveId, JsonNode body, boolean existing) {
    Reply owned = owned(cveId);
    if (owned != null) {
      return owned;
    }
    Id id = ids.get(cveId);
    if (!existing && !id.state.equals("RESERVED")) {
      return error(403, "CVE_RECORD_EXISTS", "The cve record for the cve id already exists.");
    }
    if (existing && id.state.equals("RESERVED")) {
      return error(403, "CVE_RECORD_DNE", "The cve record for the cve id does not exist.");
    }
    JsonNode container = body == null ? null : body.get("cnaContainer");
    if (container == null || !container.isObject()) {
      return error(400, "CVE_BAD_REQUEST", "Request body format is incorrect.");
    }
    ObjectNode cna = container.deepCopy();
    Instant now = Instant.now();
    cna.set("providerMetadata", provider(now));
    List<String> problems =
        REJECTED.validate(cna).stream().map(ValidationMessage::getMessage).sorted().toList();
    if (!problems.isEmpty()) {
      return invalidSchema(problems);
    }
    ObjectNode record = JSON.createObjectNode();
    record.put("dataType", "CVE_RECORD");
    record.put("dataVersion", "5.1");
    ObjectNode meta = record.putObject("cveMetadata");
    meta.put("cveId", id.cveId);
    meta.put("assignerOrgId", orgId.toString());
    meta.put("assignerShortName", org);
    meta.put("state", "REJECTED");
    meta.put("dateReserved", iso(id.reserved));
    meta.put("dateRejected", iso(now));
    meta.put("dateUpdated", iso(now));
    record.putObject("containers").set("cna", cna);
    id.state = "REJECTED";
    id.modified = now;
    id.record = record;
    ObjectNode reply = JSON.createObjectNode();
    reply.put(
        "message",
        id.cveId + " record was successfully " + (existing ? "updated" : "created") + ".");
    reply.set(existing ? "updated" : "created", record.deepCopy());
    return new Reply(200, reply);
  }

  private Reply owned(String cveId) {
    if (!CVE_ID.matcher(cveId).matches()) {
      return badInput("id", cveId, "id must be a CVE ID");
    }
    Id id = ids.get(cveId);
    if (id == null) {
      return error(404, "CVEID_DNE", "The cve id does not exist.");
    }
    if (!id.owner.equals(org)) {
      return error(403, "ORG_DOES_NOT_OWN_ID", "It appears that " + org + " does not own " + cveId);
    }
    return null;
  }

  private ObjectNode provider(Instant now) {
    ObjectNode p = JSON.createObjectNode();
    p.put("orgId", orgId.toString());
    p.put("shortName", org);
    p.put("dateUpdated", iso(now));
    return p;
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static Reply error(int status, String error, String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("error", error);
    n.put("message", message);
    return new Reply(status, n);
  }

  private static Reply badInput(String param, String value, String msg) {
    ObjectNode n = JSON.createObjectNode();
    n.put("error", "BAD_INPUT");
    n.put("message", "Parameters were invalid");
    ObjectNode d = n.putArray("details").addObject();
    d.put("msg", msg);
    d.put("param", param);
    d.put("location", "query");
    if (value != null) {
      d.put("value", value);
    }
    return new Reply(400, n);
  }

  private static Reply invalidSchema(List<String> problems) {
    ObjectNode n = JSON.createObjectNode();
    n.put("error", "INVALID_JSON_SCHEMA");
    n.put("message", "CVE JSON schema validation FAILED.");
    ArrayNode errors = n.putObject("details").putArray("errors");
    problems.forEach(errors::add);
    return new Reply(400, n);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      q.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return q;
  }

  private static String iso(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(
        t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  private static JsonSchema rejectedSchema() {
    try (InputStream in =
        BundledSchema.class.getResourceAsStream("/org/cpansec/cve/CVE_JSON_bundled_5.1.1.json")) {
      JsonNode bundle = JSON.readTree(in);
      ObjectNode root = JSON.createObjectNode();
      root.set("$schema", bundle.get("$schema"));
      root.set("definitions", bundle.get("definitions"));
      root.put("$ref", "#/definitions/cnaRejectedContainer");
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
