package org.cpansec.advisory.osv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.AdvisoryRange;
import org.cpansec.advisory.Reference;
import org.cpansec.advisory.Release;
import org.cpansec.version.Constraint;
import org.cpansec.version.Operator;
import org.cpansec.version.VersionRange;

/**
 * Turns advisories into OSV records. An id used for several distributions becomes one record with
 * one {@code affected} entry each. A CPANSA range becomes {@code ECOSYSTEM} events only where the
 * events say exactly the same ({@code >=a}, {@code <b}, {@code <=b} and their pairs); every known
 * release inside the ranges is listed in {@code versions}, and the original ranges are kept in
 * {@code database_specific}, so nothing is approximated.
 */
public final class OsvWriter {
  public static final String ECOSYSTEM = "CPAN";
  public static final String SCHEMA_VERSION = "1.7.0";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** One OSV record per distinct advisory id, in database order. */
  public Map<String, ObjectNode> records(AdvisoryDatabase db) {
    Map<String, List<Advisory>> byId = new LinkedHashMap<>();
    for (Advisory a : db.all()) {
      byId.computeIfAbsent(a.id(), k -> new java.util.ArrayList<>()).add(a);
    }
    Instant fallback = db.source().generatedAt().orElse(Instant.EPOCH);
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    byId.forEach((id, list) -> out.put(id, record(list, db, fallback)));
    return out;
  }

  ObjectNode record(List<Advisory> same, AdvisoryDatabase db, Instant fallbackModified) {
    Advisory a = same.get(0);
    ObjectNode o =
        MAPPER.createObjectNode().put("schema_version", SCHEMA_VERSION).put("id", a.id());
    o.put("modified", timestamp(a.modified(), fallbackModified));
    String published = a.published() != null ? a.published() : a.reported();
    if (published != null && DATE.matcher(published).lookingAt()) {
      o.put("published", timestamp(published, fallbackModified));
    }
    ArrayNode aliases = o.putArray("aliases");
    same.stream().flatMap(x -> x.aliases().stream()).distinct().forEach(aliases::add);
    if (a.title() != null) {
      o.put("summary", a.title().strip());
    }
    if (a.description() != null) {
      o.put("details", a.description().strip());
    }
    if (!a.cvss().isEmpty()) {
      ArrayNode sev = o.putArray("severity");
      a.cvss().forEach(v -> sev.addObject().put("type", cvssType(v)).put("score", v));
    }
    ArrayNode affected = o.putArray("affected");
    same.forEach(x -> affected.add(affected(x, db.releases(x.distribution()))));
    ArrayNode refs = o.putArray("references");
    // OSV has one reference list per record: the union over the distributions sharing the id.
    same.stream()
        .flatMap(x -> x.references().stream())
        .map(r -> new Reference(r.encodedUrl(), r.kind()))
        .distinct()
        .forEach(r -> refs.addObject().put("type", r.kind().name()).put("url", r.url()));
    if (!a.credits().isEmpty()) {
      ArrayNode credits = o.putArray("credits");
      a.credits()
          .forEach(
              c -> credits.addObject().put("name", c.name()).put("type", creditType(c.type())));
    }
    o.set("database_specific", databaseSpecific(a));
    return o;
  }

  /** What OSV has no field for: our severity, the reported date, the library, the comment. */
  private static ObjectNode databaseSpecific(Advisory a) {
    ObjectNode specific = MAPPER.createObjectNode();
    specific.put("severity", a.severity().level().label());
    if (a.severity().original() != null) {
      specific.put("severity_original", a.severity().original());
    }
    if (a.reported() != null) {
      specific.put("reported", a.reported());
    }
    a.thirdPartyLibrary()
        .ifPresent(
            t ->
                specific
                    .putObject(t.embedded() ? "embedded_library" : "external_library")
                    .put("name", t.name())
                    .put("distributed_version", t.distributedVersion()));
    if (a.comment() != null) {
      specific.put("comment", a.comment());
    }
    return specific;
  }

  private static ObjectNode affected(Advisory a, List<Release> releases) {
    ObjectNode o = MAPPER.createObjectNode();
    o.putObject("package").put("ecosystem", ECOSYSTEM).put("name", a.distribution());
    ArrayNode ranges = o.putArray("ranges");
    for (AdvisoryRange r : a.affected()) {
      r.range()
          .flatMap(OsvWriter::events)
          .ifPresent(e -> ranges.addObject().put("type", "ECOSYSTEM").set("events", e));
    }
    if (ranges.isEmpty()) {
      o.remove("ranges");
    }
    ArrayNode versions = o.putArray("versions");
    // A version can be released twice (on CPAN and inside a perl release): listed once.
    java.util.Set<String> listed = new java.util.HashSet<>();
    for (Release rel : releases) {
      if (rel.isParsed() && a.affects(rel.version().get()) && listed.add(rel.text())) {
        versions.add(rel.text());
      }
    }
    ObjectNode specific = o.putObject("database_specific");
    ArrayNode aff = specific.putArray("cpansa_affected");
    a.affected().forEach(r -> aff.add(r.text()));
    ArrayNode fixed = specific.putArray("cpansa_fixed");
    a.fixed().forEach(r -> fixed.add(r.text()));
    return o;
  }

  /** OSV events saying exactly what the range says, or empty when events cannot. */
  static java.util.Optional<ArrayNode> events(VersionRange range) {
    String introduced = "0";
    String upper = null;
    String upperKind = null;
    boolean sawLower = false;
    for (Constraint c : range.constraints()) {
      Operator op = c.op();
      if (op == Operator.GE && !sawLower) {
        introduced = c.version().toString();
        sawLower = true;
      } else if ((op == Operator.LT || op == Operator.LE) && upper == null) {
        upper = c.version().toString();
        upperKind = op == Operator.LT ? "fixed" : "last_affected";
      } else {
        return java.util.Optional.empty();
      }
    }
    ArrayNode events = MAPPER.createArrayNode();
    events.addObject().put("introduced", introduced);
    if (upper != null) {
      events.addObject().put(upperKind, upper);
    }
    return java.util.Optional.of(events);
  }

  private static String cvssType(String vector) {
    return vector.startsWith("CVSS:4")
        ? "CVSS_V4"
        : vector.startsWith("CVSS:3") ? "CVSS_V3" : "CVSS_V2";
  }

  private static String creditType(String type) {
    String t = type.toUpperCase(java.util.Locale.ROOT).replace(' ', '_');
    switch (t) {
      case "FINDER":
      case "REPORTER":
      case "ANALYST":
      case "COORDINATOR":
      case "REMEDIATION_DEVELOPER":
      case "REMEDIATION_REVIEWER":
      case "REMEDIATION_VERIFIER":
      case "TOOL":
      case "SPONSOR":
        return t;
      default:
        return "OTHER";
    }
  }

  /**
   * An ISO date or timestamp as OSV's RFC 3339 UTC form; the fallback when there is none or it is
   * not ISO-8601 ({@code db lint} reports those as invalid-date; the CPANSA reported date also
   * stays verbatim in {@code database_specific.reported}).
   */
  static String timestamp(String value, Instant fallback) {
    Instant t = fallback;
    try {
      if (value != null && DATE.matcher(value).matches()) {
        t = java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      } else if (value != null) {
        t =
            java.time.format.DateTimeFormatter.ISO_DATE_TIME.parse(
                value,
                x ->
                    x.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)
                        ? Instant.from(x)
                        : java.time.LocalDateTime.from(x).toInstant(java.time.ZoneOffset.UTC));
      }
    } catch (java.time.format.DateTimeParseException e) {
      t = fallback; // reported by db lint as invalid-date
    }
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
