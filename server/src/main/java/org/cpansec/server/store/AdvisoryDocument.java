package org.cpansec.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryBuilder;
import org.cpansec.advisory.AdvisoryRange;
import org.cpansec.advisory.Credit;
import org.cpansec.advisory.Origin;
import org.cpansec.advisory.Reference;
import org.cpansec.advisory.Severity;
import org.cpansec.advisory.ThirdParty;

/**
 * The JSON document an advisory is stored as in SQL. Every field of {@link Advisory} is kept,
 * ranges as their source text (an unparseable one with its reason), so that reading a row back
 * gives an equal advisory that matches versions exactly as the imported one did.
 */
final class AdvisoryDocument {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AdvisoryDocument() {}

  static String write(Advisory a) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", a.id()).put("distribution", a.distribution());
    strings(o.putArray("aliases"), a.aliases());
    ranges(o.putArray("affected"), a.affected());
    ranges(o.putArray("fixed"), a.fixed());
    o.put("severity", a.severity().original());
    strings(o.putArray("cvss"), a.cvss());
    strings(o.putArray("cwes"), a.cwes());
    o.put("title", a.title()).put("description", a.description());
    ArrayNode refs = o.putArray("references");
    a.references().forEach(r -> refs.addObject().put("url", r.url()).put("kind", r.kind().name()));
    o.put("reported", a.reported()).put("published", a.published()).put("modified", a.modified());
    ArrayNode credits = o.putArray("credits");
    a.credits().forEach(c -> credits.addObject().put("name", c.name()).put("type", c.type()));
    a.thirdPartyLibrary()
        .ifPresent(
            t ->
                o.putObject("thirdParty")
                    .put("name", t.name())
                    .put("distributedVersion", t.distributedVersion())
                    .put("embedded", t.embedded()));
    o.put("comment", a.comment());
    ArrayNode origins = o.putArray("origins");
    a.origins()
        .forEach(
            x ->
                origins
                    .addObject()
                    .put("source", x.source())
                    .put("file", x.file())
                    .put("location", x.location()));
    ObjectNode extra = o.putObject("extra");
    a.extra().forEach(extra::put);
    return o.toString();
  }

  static Advisory read(String document) {
    JsonNode o;
    try {
      o = JSON.readTree(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored advisory document is not JSON: " + e.getMessage(), e);
    }
    AdvisoryBuilder b = Advisory.builder(o.path("id").asText(), o.path("distribution").asText());
    each(o, "aliases", n -> b.alias(n.asText()));
    each(o, "affected", n -> b.affected(range(n)));
    each(o, "fixed", n -> b.fixed(range(n)));
    b.severity(Severity.of(text(o, "severity")));
    each(o, "cvss", n -> b.cvss(n.asText()));
    each(o, "cwes", n -> b.cwe(n.asText()));
    b.title(text(o, "title")).description(text(o, "description"));
    each(
        o,
        "references",
        n ->
            b.reference(
                new Reference(
                    n.path("url").asText(), Reference.Kind.valueOf(n.path("kind").asText()))));
    b.reported(text(o, "reported")).published(text(o, "published")).modified(text(o, "modified"));
    each(o, "credits", n -> b.credit(new Credit(n.path("name").asText(), n.path("type").asText())));
    JsonNode t = o.get("thirdParty");
    if (t != null) {
      b.thirdParty(
          new ThirdParty(
              t.path("name").asText(),
              text(t, "distributedVersion"),
              t.path("embedded").asBoolean()));
    }
    b.comment(text(o, "comment"));
    each(
        o,
        "origins",
        n ->
            b.origin(
                new Origin(
                    n.path("source").asText(),
                    n.path("file").asText(),
                    n.path("location").asText())));
    o.path("extra").properties().forEach(e -> b.extra(e.getKey(), e.getValue().asText()));
    return b.build();
  }

  private static void strings(ArrayNode target, Iterable<String> values) {
    values.forEach(target::add);
  }

  private static void ranges(ArrayNode target, Iterable<AdvisoryRange> ranges) {
    for (AdvisoryRange r : ranges) {
      ObjectNode n = target.addObject().put("text", r.text());
      r.problem().ifPresent(p -> n.put("problem", p));
    }
  }

  private static AdvisoryRange range(JsonNode n) {
    String text = n.path("text").asText();
    String problem = text(n, "problem");
    return problem != null ? AdvisoryRange.invalid(text, problem) : AdvisoryRange.cpansa(text);
  }

  private static void each(JsonNode o, String field, Consumer<JsonNode> action) {
    o.path(field).forEach(action);
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
