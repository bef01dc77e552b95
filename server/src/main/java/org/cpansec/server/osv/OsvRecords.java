package org.cpansec.server.osv;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.AdvisoryRange;
import org.cpansec.advisory.Credit;
import org.cpansec.advisory.Reference;
import org.cpansec.advisory.Release;
import org.cpansec.version.Constraint;
import org.cpansec.version.Operator;
import org.cpansec.version.VersionRange;

/**
 * Writes an advisory as an OSV 1.6 record. The ecosystem is {@code CPAN} (OSV defines none for CPAN
 * yet, see ADR 0006). Affected versions are given twice: as {@code ECOSYSTEM} ranges where a range
 * is an interval OSV can say ({@code >=A,<B}, {@code <=B}), and always as the explicit list of
 * known releases the advisory affects, so that a client never needs Perl version semantics.
 */
public final class OsvRecords {
  public static final String ECOSYSTEM = "CPAN";
  public static final String SCHEMA_VERSION = "1.6.0";
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern DATE_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final AdvisoryDatabase db;
  private final Instant fallbackModified;

  /** {@code fallbackModified} is used when an advisory has no date at all (OSV requires one). */
  public OsvRecords(AdvisoryDatabase db, Instant fallbackModified) {
    this.db = db;
    this.fallbackModified = fallbackModified;
  }

  /** The full OSV record. */
  public ObjectNode record(Advisory a) {
    ObjectNode o = F.objectNode();
    o.put("schema_version", SCHEMA_VERSION);
    o.put("id", a.id());
    o.put("modified", modified(a));
    timestamp(a.published()).ifPresent(t -> o.put("published", t));
    if (!a.aliases().isEmpty()) {
      ArrayNode aliases = o.putArray("aliases");
      a.aliases().forEach(aliases::add);
    }
    if (a.title() != null) {
      o.put("summary", a.title());
    }
    if (a.description() != null) {
      o.put("details", a.description());
    }
    severity(a).ifPresent(s -> o.set("severity", s));
    o.putArray("affected").add(affected(a));
    if (!a.references().isEmpty()) {
      ArrayNode refs = o.putArray("references");
      for (Reference r : a.references()) {
        refs.addObject().put("type", r.kind().name()).put("url", r.url());
      }
    }
    credits(a.credits()).ifPresent(c -> o.set("credits", c));
    ObjectNode specific = o.putObject("database_specific");
    specific.put("severity", a.severity().level().label());
    if (!a.cwes().isEmpty()) {
      ArrayNode cwes = specific.putArray("cwes");
      a.cwes().forEach(cwes::add);
    }
    return o;
  }

  /** The record's {@code modified}: modified, else published, else reported, else fallback. */
  public String modified(Advisory a) {
    for (String d : new String[] {a.modified(), a.published(), a.reported()}) {
      Optional<String> t = timestamp(d);
      if (t.isPresent()) {
        return t.get();
      }
    }
    return fallbackModified.toString();
  }

  private ObjectNode affected(Advisory a) {
    ObjectNode entry = F.objectNode();
    entry
        .putObject("package")
        .put("ecosystem", ECOSYSTEM)
        .put("name", a.distribution())
        .put("purl", "pkg:cpan/" + a.distribution());
    ArrayNode ranges = F.arrayNode();
    for (AdvisoryRange r : a.affected()) {
      r.range()
          .flatMap(OsvRecords::events)
          .ifPresent(e -> ranges.addObject().put("type", "ECOSYSTEM").set("events", e));
    }
    if (!ranges.isEmpty()) {
      entry.set("ranges", ranges);
    }
    ArrayNode versions = entry.putArray("versions");
    for (Release r : db.releases(a.distribution())) {
      if (r.version().isPresent() && a.affects(r.version().get())) {
        versions.add(r.text());
      }
    }
    ObjectNode specific = entry.putObject("database_specific");
    ArrayNode aff = specific.putArray("affected_ranges");
    a.affected().forEach(r -> aff.add(r.text()));
    ArrayNode fix = specific.putArray("fixed_ranges");
    a.fixed().forEach(r -> fix.add(r.text()));
    return entry;
  }

  /** OSV events for an interval range; empty when OSV cannot say it (==, !=, >). */
  static Optional<ArrayNode> events(VersionRange range) {
    String introduced = "0";
    String end = null;
    String endKind = null;
    for (Constraint c : range.constraints()) {
      Operator op = c.op();
      if (op == Operator.GE && introduced.equals("0")) {
        introduced = c.version().toString();
      } else if ((op == Operator.LT || op == Operator.LE) && end == null) {
        end = c.version().toString();
        endKind = op == Operator.LT ? "fixed" : "last_affected";
      } else {
        return Optional.empty();
      }
    }
    ArrayNode events = F.arrayNode();
    events.addObject().put("introduced", introduced);
    if (end != null) {
      events.addObject().put(endKind, end);
    }
    return Optional.of(events);
  }

  private static Optional<ArrayNode> severity(Advisory a) {
    ArrayNode out = F.arrayNode();
    for (String vector : a.cvss()) {
      String type =
          vector.startsWith("CVSS:4.")
              ? "CVSS_V4"
              : vector.startsWith("CVSS:3.")
                  ? "CVSS_V3"
                  : vector.startsWith("AV:") ? "CVSS_V2" : null;
      if (type != null) {
        out.addObject().put("type", type).put("score", vector);
      }
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  private static Optional<ArrayNode> credits(List<Credit> credits) {
    if (credits.isEmpty()) {
      return Optional.empty();
    }
    ArrayNode out = F.arrayNode();
    for (Credit c : credits) {
      ObjectNode n = out.addObject().put("name", c.name());
      String type = c.type().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
      if (CREDIT_TYPES.contains(type)) {
        n.put("type", type);
      }
    }
    return Optional.of(out);
  }

  private static final List<String> CREDIT_TYPES =
      List.of(
          "FINDER",
          "REPORTER",
          "ANALYST",
          "COORDINATOR",
          "REMEDIATION_DEVELOPER",
          "REMEDIATION_REVIEWER",
          "REMEDIATION_VERIFIER",
          "TOOL",
          "SPONSOR",
          "OTHER");

  /** An ISO date or date-time as an RFC 3339 UTC timestamp; empty when it is neither. */
  static Optional<String> timestamp(String date) {
    if (date == null) {
      return Optional.empty();
    }
    String d = date.strip();
    if (DATE_TIME.matcher(d).matches()) {
      return Optional.of(d);
    }
    if (d.length() >= 10 && DATE.matcher(d.substring(0, 10)).matches()) {
      return Optional.of(d.substring(0, 10) + "T00:00:00Z");
    }
    return Optional.empty();
  }
}
