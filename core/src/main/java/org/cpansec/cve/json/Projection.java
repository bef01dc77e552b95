package org.cpansec.cve.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fields of a CVE record that the CNA YAML controls, in a form where two records that say the
 * same thing are equal: white space runs (ASCII only: a non-breaking space is content) become one
 * space, CWEs are flattened and sorted, references sorted by URL. What the tool does not author
 * ({@code supportingMedia} HTML, {@code x_generator}, provider metadata) is not part of it.
 */
public final class Projection {
  private static final Pattern ASCII_SPACE = Pattern.compile("[ \\t\\r\\n\\f]+");

  private Projection() {}

  public static ObjectNode of(JsonNode record) {
    JsonNode cna = record.path("containers").path("cna");
    JsonNode a = cna.path("affected").path(0);
    ObjectNode p = CanonicalJson.MAPPER.createObjectNode();
    p.put("cve", record.path("cveMetadata").path("cveId").asText());
    p.put("distribution", a.path("packageName").asText());
    p.put("module", a.path("product").asText());
    p.put("author", a.path("vendor").asText());
    p.put("repo", a.path("repo").asText());
    ArrayNode versions = p.putArray("affected");
    for (JsonNode v : a.path("versions")) {
      ObjectNode e = versions.addObject();
      for (String k : List.of("version", "lessThan", "lessThanOrEqual", "status", "versionType")) {
        if (v.has(k)) {
          e.put(k, v.get(k).asText());
        }
      }
    }
    p.set("files", sortedTexts(a.path("programFiles"), null));
    p.set("routines", sortedTexts(a.path("programRoutines"), "name"));
    p.put("title", ws(cna.path("title").asText()));
    p.put("description", ws(english(cna.path("descriptions"))));
    List<String> cwes = new ArrayList<>();
    cna.path("problemTypes")
        .forEach(
            t -> t.path("descriptions").forEach(d -> cwes.add(ws(d.path("description").asText()))));
    cwes.sort(null);
    ArrayNode cweArray = p.putArray("cwes");
    cwes.forEach(cweArray::add);
    p.set("solution", values(cna.path("solutions")));
    p.set("mitigation", values(cna.path("workarounds")));
    p.set("references", references(cna.path("references")));
    return p;
  }

  /** Field-by-field differences, {@code field: expected … got …}; empty when equal. */
  public static List<String> differences(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode other = actual.path(e.getKey());
      if (!e.getValue().equals(other)) {
        out.add(e.getKey() + ":\n    - " + e.getValue() + "\n    + " + other);
      }
    }
    return out;
  }

  private static ArrayNode references(JsonNode refs) {
    List<ObjectNode> list = new ArrayList<>();
    for (JsonNode r : refs) {
      ObjectNode o = CanonicalJson.MAPPER.createObjectNode();
      o.put("link", r.path("url").asText());
      if (r.has("tags")) {
        o.set("tags", sortedTexts(r.get("tags"), null));
      }
      list.add(o);
    }
    list.sort((x, y) -> x.get("link").asText().compareTo(y.get("link").asText()));
    ArrayNode out = CanonicalJson.MAPPER.createArrayNode();
    list.forEach(out::add);
    return out;
  }

  private static ArrayNode values(JsonNode entries) {
    ArrayNode out = CanonicalJson.MAPPER.createArrayNode();
    entries.forEach(e -> out.add(ws(e.path("value").asText())));
    return out;
  }

  private static ArrayNode sortedTexts(JsonNode array, String field) {
    List<String> texts = new ArrayList<>();
    array.forEach(e -> texts.add(field == null ? e.asText() : e.path(field).asText()));
    texts.sort(null);
    ArrayNode out = CanonicalJson.MAPPER.createArrayNode();
    texts.forEach(out::add);
    return out;
  }

  private static String english(JsonNode descriptions) {
    for (JsonNode d : descriptions) {
      if ("en".equals(d.path("lang").asText())) {
        return d.path("value").asText();
      }
    }
    return "";
  }

  static String ws(String s) {
    return ASCII_SPACE.matcher(s).replaceAll(" ").strip();
  }
}
