package org.cpansec.cli.db;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryRange;
import org.cpansec.advisory.LintFinding;
import org.cpansec.advisory.Origin;
import org.cpansec.cli.Json;

/** The CLI's JSON view of advisories and findings (stable field names: a contract). */
final class AdvisoryJson {
  private AdvisoryJson() {}

  static ObjectNode summary(Advisory a) {
    ObjectNode o = Json.object().put("id", a.id()).put("distribution", a.distribution());
    strings(o.putArray("aliases"), a.aliases());
    o.put("severity", a.severity().level().label());
    ranges(o.putArray("affected"), a.affected());
    ranges(o.putArray("fixed"), a.fixed());
    o.put("reported", a.reported());
    return o;
  }

  static ObjectNode full(Advisory a) {
    ObjectNode o = summary(a);
    o.putObject("severity_detail")
        .put("level", a.severity().level().label())
        .put("original", a.severity().original());
    strings(o.putArray("cvss"), a.cvss());
    strings(o.putArray("cwes"), a.cwes());
    o.put("title", a.title()).put("description", a.description());
    ArrayNode refs = o.putArray("references");
    a.references().forEach(r -> refs.addObject().put("url", r.url()).put("kind", r.kind().name()));
    o.put("published", a.published()).put("modified", a.modified());
    ArrayNode credits = o.putArray("credits");
    a.credits().forEach(c -> credits.addObject().put("name", c.name()).put("type", c.type()));
    a.thirdPartyLibrary()
        .ifPresent(
            t ->
                o.putObject(t.embedded() ? "embedded_library" : "external_library")
                    .put("name", t.name())
                    .put("distributed_version", t.distributedVersion()));
    o.put("comment", a.comment());
    ArrayNode origins = o.putArray("origins");
    a.origins().forEach(x -> origins.add(origin(x)));
    ObjectNode extra = o.putObject("extra");
    a.extra().forEach(extra::put);
    return o;
  }

  static ObjectNode origin(Origin x) {
    return Json.object()
        .put("source", x.source())
        .put("file", x.file())
        .put("location", x.location());
  }

  static ObjectNode finding(LintFinding f) {
    ObjectNode o = Json.object().put("kind", f.kind().label()).put("subject", f.subject());
    o.set("location", origin(f.location()));
    return o.put("message", f.message());
  }

  private static void ranges(ArrayNode into, List<AdvisoryRange> ranges) {
    for (AdvisoryRange r : ranges) {
      ObjectNode o = into.addObject().put("range", r.text());
      r.problem().ifPresent(p -> o.put("error", p));
    }
  }

  private static void strings(ArrayNode into, List<String> values) {
    values.forEach(into::add);
  }
}
