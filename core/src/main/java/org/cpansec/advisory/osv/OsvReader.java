package org.cpansec.advisory.osv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryBatch;
import org.cpansec.advisory.AdvisoryBuilder;
import org.cpansec.advisory.AdvisoryFormatException;
import org.cpansec.advisory.AdvisoryRange;
import org.cpansec.advisory.AdvisoryReader;
import org.cpansec.advisory.Credit;
import org.cpansec.advisory.DatabaseSource;
import org.cpansec.advisory.LintFinding;
import org.cpansec.advisory.Origin;
import org.cpansec.advisory.Reference;
import org.cpansec.advisory.Severity;
import org.cpansec.version.Constraint;
import org.cpansec.version.InvalidVersionException;
import org.cpansec.version.Operator;
import org.cpansec.version.PerlVersion;
import org.cpansec.version.VersionRange;

/**
 * Reads OSV records; each {@code affected} entry of ecosystem CPAN becomes one advisory for that
 * distribution. The exact CPANSA ranges in {@code database_specific.cpansa_affected} win when
 * present (our own export); otherwise ECOSYSTEM events become ranges, else listed versions become
 * exact ones. Entries of other ecosystems are a format error: they are not CPAN advisories.
 */
public final class OsvReader implements AdvisoryReader {
  public static final String KIND = "osv";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Reads every {@code *.json} in a directory (sorted by name), or one file. */
  @Override
  public AdvisoryBatch read(Path fileOrDir) throws IOException {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(fileOrDir)) {
      try (var s = Files.list(fileOrDir)) {
        s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
      }
    } else {
      files.add(fileOrDir);
    }
    List<Advisory> entries = new ArrayList<>();
    List<LintFinding> findings = new ArrayList<>();
    for (Path f : files) {
      entries.addAll(readRecord(readTree(f), f.toString()));
    }
    return AdvisoryBatch.ofAdvisories(
        DatabaseSource.of(KIND, fileOrDir.toString()), entries, findings, false);
  }

  private static JsonNode readTree(Path f) throws IOException {
    try {
      return MAPPER.readTree(f.toFile());
    } catch (JsonProcessingException e) {
      throw new AdvisoryFormatException(
          f.toString(),
          "line " + e.getLocation().getLineNr(),
          "not valid JSON: " + e.getOriginalMessage(),
          e);
    }
  }

  /** One OSV record: one advisory per CPAN package it names. */
  public List<Advisory> readRecord(JsonNode o, String file) {
    String id = text(o, "id");
    if (id == null || !o.has("modified")) {
      throw new AdvisoryFormatException(
          file, "", "not an OSV record: 'id' and 'modified' are required", null);
    }
    List<Advisory> out = new ArrayList<>();
    JsonNode affected = o.path("affected");
    for (int i = 0; i < affected.size(); i++) {
      JsonNode a = affected.get(i);
      String eco = a.path("package").path("ecosystem").asText("");
      if (!eco.equals(OsvWriter.ECOSYSTEM) && !eco.startsWith(OsvWriter.ECOSYSTEM + ":")) {
        throw new AdvisoryFormatException(
            file,
            "/affected/" + i + "/package/ecosystem",
            "expected ecosystem CPAN, found '" + eco + "'",
            null);
      }
      String dist = a.path("package").path("name").asText();
      AdvisoryBuilder b =
          Advisory.builder(id, dist).origin(new Origin(KIND, file, "/affected/" + i));
      common(o, b);
      ranges(a, b, file, i);
      out.add(b.build());
    }
    return out;
  }

  private static void common(JsonNode o, AdvisoryBuilder b) {
    o.path("aliases").forEach(x -> b.alias(x.asText()));
    b.title(text(o, "summary")).description(text(o, "details"));
    b.published(text(o, "published")).modified(text(o, "modified"));
    o.path("severity").forEach(s -> b.cvss(s.path("score").asText()));
    JsonNode specific = o.path("database_specific");
    String original = text(specific, "severity_original");
    String label = text(specific, "severity");
    b.severity(
        original != null
            ? Severity.of(original)
            : label == null || label.equals("unknown") ? Severity.NONE : Severity.of(label));
    b.reported(text(specific, "reported"));
    for (String k : List.of("embedded_library", "external_library")) {
      JsonNode t = specific.path(k);
      if (t.isObject()) {
        b.thirdParty(
            new org.cpansec.advisory.ThirdParty(
                t.path("name").asText(), text(t, "distributed_version"), k.startsWith("embedded")));
      }
    }
    b.comment(text(specific, "comment"));
    for (JsonNode r : o.path("references")) {
      Reference.Kind kind;
      try {
        kind = Reference.Kind.valueOf(r.path("type").asText("WEB").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        kind = Reference.Kind.WEB; // OSV's GIT type has no slot of its own: a plain link
      }
      b.reference(new Reference(r.path("url").asText(), kind));
    }
    o.path("credits")
        .forEach(
            c ->
                b.credit(
                    new Credit(
                        c.path("name").asText(),
                        c.path("type").asText("OTHER").toLowerCase(Locale.ROOT))));
  }

  private static void ranges(JsonNode a, AdvisoryBuilder b, String file, int i) {
    JsonNode exact = a.path("database_specific").path("cpansa_affected");
    if (exact.isArray()) {
      exact.forEach(x -> b.affected(AdvisoryRange.cpansa(x.asText())));
      a.path("database_specific")
          .path("cpansa_fixed")
          .forEach(x -> b.fixed(AdvisoryRange.cpansa(x.asText())));
      return;
    }
    for (JsonNode r : a.path("ranges")) {
      if (r.path("type").asText().equals("ECOSYSTEM")) {
        fromEvents(r.path("events")).forEach(b::affected);
      }
    }
    for (JsonNode v : a.path("versions")) {
      b.affected(AdvisoryRange.cpansa("==" + v.asText()));
    }
  }

  /**
   * ECOSYSTEM events as ranges, one per interval: each {@code introduced} opens one ({@code >=}, or
   * from any version for "0"), the next {@code fixed} ({@code <}) or {@code last_affected} ({@code
   * <=}) closes it. Events are taken in the order given, as OSV requires them sorted.
   */
  static List<AdvisoryRange> fromEvents(JsonNode events) {
    List<AdvisoryRange> out = new ArrayList<>();
    List<Constraint> open = null;
    try {
      for (JsonNode e : events) {
        if (e.has("introduced")) {
          if (open != null) {
            out.add(range(open));
          }
          open = new ArrayList<>();
          String v = e.get("introduced").asText();
          open.add(
              new Constraint(Operator.GE, v.equals("0") ? PerlVersion.ZERO : PerlVersion.parse(v)));
        } else if (open != null && (e.has("fixed") || e.has("last_affected"))) {
          boolean fixed = e.has("fixed");
          String v = e.get(fixed ? "fixed" : "last_affected").asText();
          open.add(new Constraint(fixed ? Operator.LT : Operator.LE, PerlVersion.parse(v)));
          out.add(range(open));
          open = null;
        }
      }
    } catch (InvalidVersionException e) {
      return List.of(AdvisoryRange.invalid(events.toString(), e.perlMessage()));
    }
    if (open != null) {
      out.add(range(open));
    }
    return out;
  }

  private static AdvisoryRange range(List<Constraint> constraints) {
    return AdvisoryRange.of(
        VersionRange.of(VersionRange.Syntax.CPANSA, constraints.toArray(new Constraint[0])));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
