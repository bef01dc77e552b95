package org.cpansec.cve.json;

import com.fasterxml.jackson.databind.JsonNode;

/** The lists of maps of a CNA record (references, credits, timeline), as YAML lines. */
final class NestedYaml {
  private NestedYaml() {}

  static String references(JsonNode refs) {
    StringBuilder b = new StringBuilder("  references:\n");
    for (JsonNode r : refs) {
      b.append("    - link: ").append(CnaYamlWriter.inline(r.path("url").asText())).append('\n');
      if (r.hasNonNull("name")) {
        b.append("      name: ").append(CnaYamlWriter.quote(r.get("name").asText())).append('\n');
      }
      if (r.path("tags").isArray() && !r.path("tags").isEmpty()) {
        StringBuilder tags = new StringBuilder();
        r.get("tags")
            .forEach(
                t ->
                    tags.append(tags.length() == 0 ? "" : ", ")
                        .append(CnaYamlWriter.inline(t.asText())));
        b.append("      tags: [ ").append(tags).append(" ]\n");
      }
    }
    return b.toString();
  }

  static String credits(JsonNode credits) {
    if (!credits.isArray() || credits.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("\n  credits:\n");
    for (JsonNode c : credits) {
      b.append("    - type: ").append(CnaYamlWriter.inline(c.path("type").asText())).append('\n');
      b.append("      value: ").append(CnaYamlWriter.quote(c.path("value").asText())).append('\n');
      if (c.hasNonNull("lang") && !"en".equals(c.get("lang").asText())) {
        b.append("      lang: ").append(CnaYamlWriter.inline(c.get("lang").asText())).append('\n');
      }
    }
    return b.toString();
  }

  static String timeline(JsonNode timeline) {
    if (!timeline.isArray() || timeline.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("\n  timeline:\n");
    for (JsonNode t : timeline) {
      b.append("    - time: ").append(CnaYamlWriter.quote(t.path("time").asText())).append('\n');
      b.append("      value: ").append(CnaYamlWriter.quote(t.path("value").asText())).append('\n');
    }
    return b.toString();
  }
}
