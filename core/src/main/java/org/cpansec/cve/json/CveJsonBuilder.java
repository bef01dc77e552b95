package org.cpansec.cve.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.cve.record.AffectedRange;
import org.cpansec.cve.record.CnaRecord;
import org.cpansec.cve.record.Credit;
import org.cpansec.cve.record.Reference;
import org.cpansec.cve.record.TimelineEntry;
import org.cpansec.cve.schema.BundledSchema;
import org.cpansec.cve.schema.SchemaViolation;
import org.cpansec.cve.text.Prose;
import org.cpansec.cve.text.Templates;

/**
 * Builds CVE JSON 5 ({@code dataVersion} "5.1") from a CNA record, the mapping of the group's tool
 * (CPANSEC-PROCESS.md §7). Each result is validated against the official 5.1.1 schema before it is
 * returned: a record that fails is never handed to a writer.
 */
public final class CveJsonBuilder {
  /** Reference tags of the CNA format that CVE spells differently. */
  private static final Map<String, String> LEGACY_TAGS =
      Map.of("advisory", "vendor-advisory", "misc", "related");

  private static final Pattern CWE =
      Pattern.compile("(CWE-[0-9]+)(?:\\s*:\\s*|\\s+)(.+)", Pattern.DOTALL);
  private static final Pattern CAPEC = Pattern.compile("(CAPEC-[0-9]+)\\s+(.+)", Pattern.DOTALL);

  private final BuildOptions options;
  private static final Set<String> OFFICIAL_TAGS = BundledSchema.cveReferenceTags();

  public CveJsonBuilder(BuildOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The whole CVE record, validated. */
  public ObjectNode record(CnaRecord r) throws SchemaRejectedException {
    ObjectNode doc = CanonicalJson.MAPPER.createObjectNode();
    doc.put("dataType", "CVE_RECORD");
    doc.put("dataVersion", "5.1");
    ObjectNode meta = doc.putObject("cveMetadata");
    meta.put("assignerOrgId", options.assignerOrgId().toString());
    meta.put("cveId", r.cve().value());
    meta.put("requesterUserId", options.assignerOrgId().toString());
    meta.put("serial", 1);
    meta.put("state", "PUBLISHED");
    doc.putObject("containers").set("cna", container(r));
    check(BundledSchema.cveRecord().validate(doc), r);
    return doc;
  }

  /** Only the CNA container, as CVE Services takes it; validated against its definition. */
  public ObjectNode cnaContainer(CnaRecord r) throws SchemaRejectedException {
    ObjectNode cna = container(r);
    check(BundledSchema.cnaContainer().validate(cna), r);
    return cna;
  }

  /** The reference tags of a record that CVE JSON has no word for, and so are left out. */
  public static List<String> unofficialTags(Reference ref) {
    return ref.tags().stream()
        .map(CveJsonBuilder::cveTag)
        .filter(t -> !OFFICIAL_TAGS.contains(t))
        .toList();
  }

  private static void check(List<SchemaViolation> violations, CnaRecord r)
      throws SchemaRejectedException {
    if (!violations.isEmpty()) {
      throw new SchemaRejectedException(r.cve().value(), violations);
    }
  }

  private ObjectNode container(CnaRecord r) {
    ObjectNode cna = CanonicalJson.MAPPER.createObjectNode();
    cna.putArray("affected").add(affected(r));
    ObjectNode description = cna.putArray("descriptions").addObject();
    description.put("lang", "en");
    description.put("value", Prose.fold(Templates.expand(r.description(), r.affected())));
    cna.putObject("providerMetadata").put("orgId", options.assignerOrgId().toString());
    ArrayNode refs = cna.putArray("references");
    r.references().forEach(ref -> refs.add(reference(ref)));
    cna.putObject("source").put("discovery", "UNKNOWN");
    cna.put("title", Prose.singleLine(Templates.expand(r.title(), r.affected())));
    cna.putObject("x_generator").put("engine", options.generator());
    if (!r.cwes().isEmpty()) {
      ArrayNode types = cna.putArray("problemTypes");
      r.cwes().forEach(cwe -> types.addObject().putArray("descriptions").add(cwe(cwe)));
    }
    texts(cna, "solutions", r.solutions());
    texts(cna, "workarounds", r.mitigations());
    if (!r.credits().isEmpty()) {
      ArrayNode credits = cna.putArray("credits");
      for (Credit c : r.credits()) {
        credits.addObject().put("lang", c.lang()).put("type", c.type()).put("value", c.value());
      }
    }
    if (!r.impacts().isEmpty()) {
      ArrayNode impacts = cna.putArray("impacts");
      r.impacts().forEach(i -> impacts.add(impact(i)));
    }
    if (!r.timeline().isEmpty()) {
      ArrayNode timeline = cna.putArray("timeline");
      for (TimelineEntry t : r.timeline()) {
        timeline.addObject().put("lang", "en").put("time", t.cveTime()).put("value", t.value());
      }
    }
    return cna;
  }

  private static ObjectNode affected(CnaRecord r) {
    ObjectNode a = CanonicalJson.MAPPER.createObjectNode();
    a.put("collectionURL", "https://cpan.org/modules");
    a.put("defaultStatus", "unaffected");
    a.put("packageName", r.distribution().value());
    a.put("product", r.module().value());
    a.put("vendor", r.author().value());
    r.repo().ifPresent(repo -> a.put("repo", repo));
    if (!r.files().isEmpty()) {
      ArrayNode files = a.putArray("programFiles");
      r.files().forEach(files::add);
    }
    if (!r.routines().isEmpty()) {
      ArrayNode routines = a.putArray("programRoutines");
      r.routines().forEach(name -> routines.addObject().put("name", name));
    }
    ArrayNode versions = a.putArray("versions");
    r.affected().forEach(range -> versions.add(version(range)));
    return a;
  }

  private static ObjectNode version(AffectedRange range) {
    ObjectNode v = CanonicalJson.MAPPER.createObjectNode();
    v.put("status", "affected");
    v.put("versionType", "custom");
    if (range.exact()) {
      v.put("version", range.expression());
      return v;
    }
    v.put("version", range.from().orElse("0"));
    v.put(range.inclusive() ? "lessThanOrEqual" : "lessThan", range.to().orElseThrow());
    return v;
  }

  private ObjectNode reference(Reference ref) {
    ObjectNode out = CanonicalJson.MAPPER.createObjectNode();
    out.put("url", ref.link());
    ref.name().ifPresent(n -> out.put("name", n));
    Set<String> tags = new LinkedHashSet<>();
    for (String tag : ref.tags()) {
      String t = cveTag(tag);
      if (OFFICIAL_TAGS.contains(t)) {
        tags.add(t);
      }
    }
    if (!tags.isEmpty()) {
      ArrayNode array = out.putArray("tags");
      tags.forEach(array::add);
    }
    return out;
  }

  private static String cveTag(String tag) {
    String t = tag.strip().toLowerCase(Locale.ROOT);
    return LEGACY_TAGS.getOrDefault(t, t);
  }

  private static ObjectNode cwe(String text) {
    Matcher m = CWE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a CWE entry (schema admitted it): " + text);
    }
    ObjectNode d = CanonicalJson.MAPPER.createObjectNode();
    d.put("cweId", m.group(1));
    d.put("description", m.group(1) + " " + m.group(2).strip());
    d.put("lang", "en");
    d.put("type", "CWE");
    return d;
  }

  private static ObjectNode impact(String text) {
    Matcher m = CAPEC.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a CAPEC entry (schema admitted it): " + text);
    }
    ObjectNode i = CanonicalJson.MAPPER.createObjectNode();
    i.put("capecId", m.group(1));
    i.putArray("descriptions")
        .addObject()
        .put("lang", "en")
        .put("value", m.group(1) + " " + m.group(2).strip());
    return i;
  }

  private static void texts(ObjectNode cna, String field, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    ArrayNode array = cna.putArray(field);
    for (String v : values) {
      array.addObject().put("lang", "en").put("value", Prose.fold(v));
    }
  }
}
