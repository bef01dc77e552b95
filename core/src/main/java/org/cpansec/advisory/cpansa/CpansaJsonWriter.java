package org.cpansec.advisory.cpansa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.DatabaseSource;
import org.cpansec.advisory.Release;

/**
 * Writes a database in the CPANSA JSON shape ({@code meta}, {@code module2dist}, {@code dists})
 * that CPAN::Audit and other Perl tools read. Each merged advisory is one entry (repeated ids come
 * out once, with the union of their ranges); aliases go back to {@code cves}, {@code
 * github_security_advisory} or {@code previous_id} by their form.
 */
public final class CpansaJsonWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public void write(AdvisoryDatabase db, OutputStream out) throws IOException {
    MAPPER.writeValue(out, toJson(db));
  }

  public ObjectNode toJson(AdvisoryDatabase db) {
    ObjectNode root = MAPPER.createObjectNode();
    DatabaseSource s = db.source();
    ObjectNode meta = root.putObject("meta");
    meta.put("commit", s.commit()).put("repo", s.repository()).put("date", s.date());
    s.generatedAt().ifPresent(t -> meta.put("epoch", t.getEpochSecond()));
    meta.put("generator", "cpansec db export --format cpan-audit");
    ObjectNode modules = root.putObject("module2dist");
    new TreeMap<>(db.module2dist()).forEach(modules::put);
    ObjectNode dists = root.putObject("dists");
    for (String dist : db.distributions()) {
      ObjectNode d = dists.putObject(dist);
      db.mainModule(dist).ifPresent(m -> d.put("main_module", m));
      if (db.knowsReleasesOf(dist)) {
        ArrayNode versions = d.putArray("versions");
        db.releases(dist).forEach(r -> release(versions.addObject(), r));
      }
      ArrayNode advisories = d.putArray("advisories");
      db.advisoriesFor(dist).forEach(a -> advisories.add(entry(a)));
    }
    return root;
  }

  private static void release(ObjectNode o, Release r) {
    if (r.text().isEmpty()) {
      o.putNull("version");
    } else {
      o.put("version", r.text());
    }
    o.put("date", r.date().orElse(null));
    r.perlRelease().ifPresent(p -> o.put("perl_release", p).put("dual_lived", 1));
  }

  static ObjectNode entry(Advisory a) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", a.id()).put("distribution", a.distribution());
    ArrayNode cves = o.putArray("cves");
    ArrayNode ghsa = MAPPER.createArrayNode();
    ArrayNode previous = MAPPER.createArrayNode();
    for (String alias : a.aliases()) {
      (alias.startsWith("GHSA-") ? ghsa : alias.startsWith("CPANSA-") ? previous : cves).add(alias);
    }
    if (!ghsa.isEmpty()) {
      o.set("github_security_advisory", ghsa);
    }
    if (!previous.isEmpty()) {
      o.set("previous_id", previous);
    }
    ArrayNode affected = o.putArray("affected_versions");
    a.affected().forEach(r -> affected.add(r.text()));
    ArrayNode fixed = o.putArray("fixed_versions");
    a.fixed().forEach(r -> fixed.add(r.text()));
    o.put("severity", a.severity().original());
    o.put("description", a.description());
    ArrayNode refs = o.putArray("references");
    a.references().forEach(r -> refs.add(r.url()));
    o.put("reported", a.reported() != null ? a.reported() : datePart(a.published()));
    a.thirdPartyLibrary()
        .ifPresent(
            t ->
                o.putObject(t.embedded() ? "embedded_vulnerability" : "external_vulnerability")
                    .put("name", t.name())
                    .put("distributed_version", t.distributedVersion()));
    if (a.comment() != null) {
      o.put("comment", a.comment());
    }
    if (!a.credits().isEmpty()) {
      ArrayNode reviewers = o.putArray("reviewed_by");
      a.credits().forEach(c -> reviewers.addObject().put("name", c.name()));
    }
    for (Map.Entry<String, String> e : a.extra().entrySet()) {
      o.set(e.getKey(), raw(e.getValue()));
    }
    return o;
  }

  private static String datePart(String timestamp) {
    return timestamp == null || timestamp.length() < 10 ? timestamp : timestamp.substring(0, 10);
  }

  private static com.fasterxml.jackson.databind.JsonNode raw(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("extra field is not JSON: " + json, e);
    }
  }
}
