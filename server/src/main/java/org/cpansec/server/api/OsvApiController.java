package org.cpansec.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.server.ServerProperties;
import org.cpansec.server.store.AdvisoryCatalog;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The OSV-compatible API: {@code /v1/query}, {@code /v1/querybatch}, {@code /v1/vulns/{id}}. */
@RestController
public class OsvApiController {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final AdvisoryCatalog catalog;
  private final OsvIndex osv;
  private final int maxBatch;

  public OsvApiController(AdvisoryCatalog catalog, OsvIndex osv, ServerProperties properties) {
    this.catalog = catalog;
    this.osv = osv;
    this.maxBatch = properties.api().maxBatchQueries();
  }

  @PostMapping(
      path = "/v1/query",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<byte[]> query(@RequestBody QueryRequest q) {
    AdvisoryDatabase db = catalog.database();
    VulnerabilityQueries.Answer answer =
        VulnerabilityQueries.answer(VulnerabilityQueries.resolve(q, db), db);
    // {"vulns":[<record>,...],"undetermined":[...]} from the records' stored JSON bytes.
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    out.writeBytes(VULNS_OPEN);
    List<String> ids = answer.vulns().stream().map(Advisory::id).distinct().toList();
    for (int i = 0; i < ids.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(json(ids.get(i)));
    }
    out.write(']');
    if (!answer.undetermined().isEmpty()) {
      ObjectNode u = F.objectNode();
      undetermined(u, answer.undetermined());
      out.writeBytes(",\"undetermined\":".getBytes(StandardCharsets.UTF_8));
      out.writeBytes(u.get("undetermined").toString().getBytes(StandardCharsets.UTF_8));
    }
    out.write('}');
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out.toByteArray());
  }

  private static final byte[] VULNS_OPEN = "{\"vulns\":[".getBytes(StandardCharsets.UTF_8);

  @PostMapping(
      path = "/v1/querybatch",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ObjectNode batch(@RequestBody BatchRequest batch) {
    if (batch == null || batch.queries() == null) {
      throw new ApiException(ApiProblem.INVALID_QUERY, "the body needs a \"queries\" list");
    }
    if (batch.queries().size() > maxBatch) {
      throw new ApiException(
          ApiProblem.TOO_MANY_QUERIES,
          batch.queries().size() + " queries; at most " + maxBatch + " per batch");
    }
    AdvisoryDatabase db = catalog.database();
    ObjectNode out = F.objectNode();
    ArrayNode results = out.putArray("results");
    for (int i = 0; i < batch.queries().size(); i++) {
      VulnerabilityQueries.Target t;
      try {
        t = VulnerabilityQueries.resolve(batch.queries().get(i), db);
      } catch (ApiException e) {
        // One bad query fails the batch, and says which one: a partial answer would be misread.
        throw new ApiException(e.problem(), "query " + i + ": " + e.getMessage());
      }
      VulnerabilityQueries.Answer answer = VulnerabilityQueries.answer(t, db);
      ObjectNode result = results.addObject();
      ArrayNode vulns = result.putArray("vulns");
      answer.vulns().stream()
          .map(Advisory::id)
          .distinct()
          .forEach(
              id -> vulns.addObject().put("id", id).set("modified", record(id).get("modified")));
      undetermined(result, answer.undetermined());
    }
    return out;
  }

  @GetMapping(path = "/v1/vulns/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ObjectNode vuln(@PathVariable String id) {
    return catalog
        .database()
        .find(id)
        .flatMap(a -> osv.record(a.id()))
        .orElseThrow(
            () -> new ApiException(ApiProblem.NOT_FOUND, "no advisory with id or alias " + id));
  }

  private byte[] json(String id) {
    return osv.json(id)
        .orElseThrow(() -> new IllegalStateException("no OSV record for advisory " + id));
  }

  private ObjectNode record(String id) {
    return osv.record(id)
        .orElseThrow(() -> new IllegalStateException("no OSV record for advisory " + id));
  }

  private static void undetermined(ObjectNode target, List<Advisory> advisories) {
    if (advisories.isEmpty()) {
      return;
    }
    ArrayNode list = target.putArray("undetermined");
    for (Advisory a : advisories) {
      ObjectNode n = list.addObject().put("id", a.id());
      a.affected().stream()
          .filter(r -> r.problem().isPresent())
          .findFirst()
          .ifPresent(
              r -> n.put("reason", "unreadable range '" + r.text() + "': " + r.problem().get()));
    }
  }
}
