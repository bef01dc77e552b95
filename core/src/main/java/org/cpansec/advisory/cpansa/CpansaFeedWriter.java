package org.cpansec.advisory.cpansa;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.Severity;

/**
 * Writes the Hackeriet/CPANSec {@code cpansa-feed}: distribution → list of {@code {cpansa_id,
 * affected_versions, cves, description, references, reported, severity}}. The feed's schema
 * requires at least one affected range and knows no "low" (it says {@code minor}) and no unknown
 * severity: advisories without ranges are left out and listed in {@link Result#skipped()}, an
 * unknown severity is left out.
 */
public final class CpansaFeedWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** The feed and the advisories it could not carry, with why. */
  public record Result(ObjectNode feed, List<String> skipped) {}

  public Result toJson(AdvisoryDatabase db) {
    ObjectNode root = MAPPER.createObjectNode();
    List<String> skipped = new ArrayList<>();
    for (Advisory a : db.all()) {
      if (a.affected().isEmpty()) {
        skipped.add(a.id() + " (" + a.distribution() + "): no affected range");
        continue;
      }
      ArrayNode list =
          root.has(a.distribution())
              ? (ArrayNode) root.get(a.distribution())
              : root.putArray(a.distribution());
      list.add(entry(a));
    }
    return new Result(root, skipped);
  }

  public Result write(AdvisoryDatabase db, OutputStream out) throws IOException {
    Result r = toJson(db);
    MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, r.feed());
    return r;
  }

  private static ObjectNode entry(Advisory a) {
    ObjectNode o = MAPPER.createObjectNode().put("cpansa_id", a.id());
    ArrayNode affected = o.putArray("affected_versions");
    a.affected().forEach(r -> affected.add(r.text()));
    ArrayNode cves = o.putArray("cves");
    a.aliases().stream().filter(x -> CpansaEntry.CVE.matcher(x).matches()).forEach(cves::add);
    if (a.description() != null) {
      o.put("description", a.description());
    }
    ArrayNode refs = o.putArray("references");
    a.references().forEach(r -> refs.add(r.encodedUrl()));
    String date = a.reported() != null ? a.reported() : a.published();
    if (date != null && date.length() >= 10 && DATE.matcher(date.substring(0, 10)).matches()) {
      o.put("reported", date.substring(0, 10));
    }
    String severity = feedSeverity(a.severity());
    if (severity != null) {
      o.put("severity", severity);
    }
    return o;
  }

  private static String feedSeverity(Severity s) {
    switch (s.level()) {
      case LOW:
        return "minor"; // the feed has no "low"
      case MEDIUM:
        return "moderate".equals(s.original()) ? "moderate" : "medium";
      case HIGH:
        return "high";
      case CRITICAL:
        return "critical";
      default:
        return null;
    }
  }
}
