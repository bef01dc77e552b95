package org.cpansec.cve.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The mail to the cve-announce list, rendered from a CVE JSON 5 record (as published): subject,
 * banner, labelled fields, title, description, then the optional sections. Lines are wrapped for 72
 * columns; verbatim blocks of the description keep their lines.
 */
public final class Announcement {
  private static final String RULE = "=".repeat(72);

  private Announcement() {}

  public static String render(JsonNode record) {
    JsonNode cna = record.path("containers").path("cna");
    if (!cna.isObject()) {
      throw new IllegalArgumentException("not a CVE JSON record: containers.cna is missing");
    }
    String cve = record.path("cveMetadata").path("cveId").asText();
    JsonNode a = cna.path("affected").path(0);
    String title = cna.path("title").asText();
    List<String> lines = new ArrayList<>();
    lines.addAll(List.of("Subject: " + cve + ": " + title, "", "", RULE));
    lines.add(String.format("%-24s %47s", cve, "CPAN Security Group"));
    lines.addAll(
        List.of(
            RULE, "", field("CVE ID", cve), field("Distribution", a.path("packageName").asText())));
    String label = "Versions";
    for (JsonNode v : a.path("versions")) {
      String phrase = VersionPhrase.of(v);
      if (!phrase.isEmpty()) {
        lines.add(field(label, phrase));
        label = "";
      }
    }
    lines.add("");
    lines.add(field("MetaCPAN", "https://metacpan.org/dist/" + a.path("packageName").asText()));
    if (!a.path("repo").asText().isEmpty()) {
      lines.add(field("VCS Repo", a.path("repo").asText()));
    }
    lines.addAll(List.of("", "", Wrap.wrap("", "", title), "", "Description", "-----------"));
    lines.addAll(description(cna.path("descriptions")));
    lines.add("");
    section(
        lines,
        "Problem types",
        cna.path("problemTypes"),
        t -> bullet(t.path("descriptions").path(0).path("description")));
    section(
        lines,
        "Impacts",
        cna.path("impacts"),
        i -> bullet(i.path("descriptions").path(0).path("value")));
    section(
        lines,
        "Workarounds",
        cna.path("workarounds"),
        w -> Wrap.wrap("", "", w.path("value").asText()) + "\n");
    section(
        lines,
        "Solutions",
        cna.path("solutions"),
        s -> Wrap.wrap("", "", s.path("value").asText()) + "\n");
    section(lines, "References", cna.path("references"), r -> r.path("url").asText());
    section(lines, "Timeline", cna.path("timeline"), Announcement::timeline);
    section(
        lines,
        "Credits",
        cna.path("credits"),
        c -> c.path("value").asText() + ", " + c.path("type").asText());
    lines.addAll(List.of("", ""));
    return String.join("\n", lines);
  }

  private static String field(String label, String value) {
    return String.format("%15s  %s", label.isEmpty() ? "" : label + ":", value);
  }

  private static String bullet(JsonNode text) {
    return Wrap.wrap("- ", "  ", text.asText());
  }

  private static String timeline(JsonNode t) {
    String time = t.path("time").asText();
    String date = time.matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}.*") ? time.substring(0, 10) : time;
    return Wrap.wrap("- ", "  ", date + ": " + t.path("value").asText());
  }

  private static void section(
      List<String> lines, String heading, JsonNode items, Function<JsonNode, String> each) {
    if (!items.isArray() || items.isEmpty()) {
      return;
    }
    lines.add(heading);
    lines.add("-".repeat(heading.length()));
    items.forEach(item -> lines.add(each.apply(item)));
    lines.add("");
  }

  private static List<String> description(JsonNode descriptions) {
    List<String> texts = new ArrayList<>();
    for (JsonNode d : descriptions) {
      if ("en".equals(d.path("lang").asText()) && !d.path("value").asText().isEmpty()) {
        texts.add(d.path("value").asText().replace('\u00a0', ' '));
      }
    }
    List<String> out = new ArrayList<>();
    for (String chunk : String.join("\n\n", texts).split("\n{2,}")) {
      if (chunk.lines().anyMatch(l -> !l.isEmpty() && Character.isWhitespace(l.charAt(0)))) {
        out.addAll(chunk.lines().toList());
      } else {
        out.add(Wrap.wrap("", "", chunk.replace('\n', ' ')));
      }
      out.add("");
    }
    if (!out.isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }
}
