package org.cpansec.cve.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.cpansec.cve.record.CnaRecordReader;
import org.cpansec.cve.record.InvalidRecordException;
import org.cpansec.cve.record.RecordProblem;

/**
 * CVE JSON 5 → CNA YAML, with the round-trip guard: the YAML is read back, built, and its
 * projection must equal the input's, else the import is refused with the differences.
 */
public final class CveJsonImporter {
  private final CveJsonBuilder builder = new CveJsonBuilder(BuildOptions.defaults());

  /** The YAML text of the record; refused when the round trip would change it. */
  public String toYaml(JsonNode record) throws ImportRefusedException {
    String cve = record.path("cveMetadata").path("cveId").asText("(no cveMetadata.cveId)");
    JsonNode cna = record.path("containers").path("cna");
    JsonNode affected = cna.path("affected");
    if (affected.size() != 1) {
      throw new ImportRefusedException(
          cve,
          List.of(
              "containers.cna.affected has "
                  + affected.size()
                  + " entries; a CNA record describes exactly one distribution"));
    }
    List<String> reasons = new ArrayList<>();
    String yaml = write(cve, cna, affected.get(0), reasons);
    if (!reasons.isEmpty()) {
      throw new ImportRefusedException(cve, reasons);
    }
    guard(cve, record, yaml);
    return yaml;
  }

  private void guard(String cve, JsonNode record, String yaml) throws ImportRefusedException {
    JsonNode rebuilt;
    try {
      rebuilt = builder.record(CnaRecordReader.read(cve + ".yaml", yaml).record());
    } catch (InvalidRecordException e) {
      throw new ImportRefusedException(
          cve, e.problems().stream().map(RecordProblem::message).toList());
    } catch (SchemaRejectedException e) {
      throw new ImportRefusedException(cve, List.of(e.getMessage()));
    }
    List<String> diff = Projection.differences(Projection.of(record), Projection.of(rebuilt));
    if (!diff.isEmpty()) {
      throw new ImportRefusedException(cve, diff);
    }
  }

  private static String write(String cve, JsonNode cna, JsonNode a, List<String> reasons) {
    CnaYamlWriter w = new CnaYamlWriter();
    w.scalar("cve", cve);
    w.blank();
    w.scalar("distribution", a.path("packageName").asText());
    w.scalar("module", a.path("product").asText());
    w.scalar("author", a.path("vendor").asText());
    if (a.hasNonNull("repo")) {
      w.scalar("repo", a.get("repo").asText());
    }
    w.blank();
    List<String> ranges = new ArrayList<>();
    for (JsonNode v : a.path("versions")) {
      ranges.add(range(v, reasons));
    }
    w.list("affected", ranges, true);
    texts(w, "files", a.path("programFiles"), null);
    texts(w, "routines", a.path("programRoutines"), "name");
    w.blank();
    w.block("title", cna.path("title").asText());
    w.blank();
    w.block("description", english(cna.path("descriptions"), reasons));
    prose(w, "solution", cna.path("solutions"));
    prose(w, "mitigation", cna.path("workarounds"));
    List<String> cwes = new ArrayList<>();
    cna.path("problemTypes").forEach(t -> t.path("descriptions").forEach(d -> cwes.add(cwe(d))));
    if (!cwes.isEmpty()) {
      w.blank();
      w.list("cwes", cwes, false);
    }
    List<String> impacts = new ArrayList<>();
    cna.path("impacts")
        .forEach(i -> impacts.add(i.path("descriptions").path(0).path("value").asText()));
    if (!impacts.isEmpty()) {
      w.blank();
      w.list("impacts", impacts, false);
    }
    w.blank();
    w.raw(NestedYaml.references(cna.path("references")));
    w.raw(NestedYaml.credits(cna.path("credits")));
    w.raw(NestedYaml.timeline(cna.path("timeline")));
    return w.text();
  }

  private static String range(JsonNode v, List<String> reasons) {
    if (!"custom".equals(v.path("versionType").asText())
        || !"affected".equals(v.path("status").asText())) {
      reasons.add("versions entry " + v + " is not a custom 'affected' range");
    }
    String from = v.path("version").asText();
    String low = from.equals("0") ? "" : from + " ";
    if (v.hasNonNull("lessThanOrEqual")) {
      return low + "<= " + v.get("lessThanOrEqual").asText();
    }
    if (v.hasNonNull("lessThan")) {
      return low + "< " + v.get("lessThan").asText();
    }
    return from;
  }

  private static String cwe(JsonNode d) {
    String id = d.path("cweId").asText();
    String text = d.path("description").asText();
    return text.startsWith(id) || id.isEmpty() ? text : id + " " + text;
  }

  private static String english(JsonNode descriptions, List<String> reasons) {
    for (JsonNode d : descriptions) {
      if ("en".equals(d.path("lang").asText())) {
        return d.path("value").asText();
      }
    }
    reasons.add("no English description");
    return "";
  }

  private static void texts(CnaYamlWriter w, String key, JsonNode array, String field) {
    if (array.isArray() && !array.isEmpty()) {
      List<String> values = new ArrayList<>();
      array.forEach(e -> values.add(field == null ? e.asText() : e.path(field).asText()));
      w.blank();
      w.list(key, values, false);
    }
  }

  private static void prose(CnaYamlWriter w, String key, JsonNode entries) {
    List<String> values = new ArrayList<>();
    entries.forEach(e -> values.add(e.path("value").asText()));
    if (values.isEmpty()) {
      return;
    }
    w.blank();
    if (values.size() == 1) {
      w.block(key, values.get(0));
    } else {
      w.blockList(key, values);
    }
  }
}
