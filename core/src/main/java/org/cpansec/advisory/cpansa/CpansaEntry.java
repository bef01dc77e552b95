package org.cpansec.advisory.cpansa;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryBuilder;
import org.cpansec.advisory.AdvisoryFormatException;
import org.cpansec.advisory.AdvisoryRange;
import org.cpansec.advisory.Credit;
import org.cpansec.advisory.LintFinding;
import org.cpansec.advisory.LintKind;
import org.cpansec.advisory.Origin;
import org.cpansec.advisory.Reference;
import org.cpansec.advisory.Severity;
import org.cpansec.advisory.ThirdParty;

/** One CPANSA advisory entry, the same in the JSON database and the YAML sources. */
final class CpansaEntry {
  static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,19}");

  /** Fields mapped onto the model; any other is kept raw and reported. */
  private static final Set<String> KNOWN =
      Set.of(
          "id",
          "distribution",
          "cves",
          "github_security_advisory",
          "previous_id",
          "affected_versions",
          "fixed_versions",
          "severity",
          "description",
          "references",
          "reported",
          "embedded_vulnerability",
          "external_vulnerability",
          "comment",
          "reviewed_by");

  private CpansaEntry() {}

  static Advisory read(JsonNode n, String dist, Origin origin, List<LintFinding> findings) {
    if (!n.isObject()) {
      throw new AdvisoryFormatException(
          origin.file(), origin.location(), "expected an advisory object, found " + n, null);
    }
    JsonNode id = n.get("id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      throw new AdvisoryFormatException(
          origin.file(), origin.location(), "advisory without an 'id' string", null);
    }
    String distribution = text(n, "distribution");
    AdvisoryBuilder b =
        Advisory.builder(id.asText(), distribution != null ? distribution : dist).origin(origin);
    for (String cve : strings(n.get("cves"))) {
      if (!CVE.matcher(cve).matches()) {
        findings.add(
            new LintFinding(
                LintKind.NON_CVE_IN_CVES,
                origin,
                id.asText(),
                "'" + cve + "' in cves is not a CVE id (kept as an alias)"));
      }
      b.alias(cve);
    }
    strings(n.get("github_security_advisory")).forEach(b::alias);
    strings(n.get("previous_id")).forEach(b::alias);
    ranges(n.get("affected_versions")).forEach(b::affected);
    ranges(n.get("fixed_versions")).forEach(b::fixed);
    b.severity(Severity.of(text(n, "severity")));
    b.description(text(n, "description"));
    strings(n.get("references")).forEach(r -> b.reference(Reference.guess(r)));
    b.reported(text(n, "reported"));
    b.thirdParty(thirdParty(n.get("embedded_vulnerability"), true));
    if (b.build().thirdParty() == null) {
      b.thirdParty(thirdParty(n.get("external_vulnerability"), false));
    }
    b.comment(text(n, "comment"));
    for (JsonNode r : iterable(n.get("reviewed_by"))) {
      String name = r.isObject() ? text(r, "name") : r.asText(null);
      if (name != null) {
        b.credit(new Credit(name, "reviewer"));
      }
    }
    for (Map.Entry<String, JsonNode> f : n.properties()) {
      if (!KNOWN.contains(f.getKey()) || hasUnknownLibraryKeys(f.getKey(), f.getValue())) {
        b.extra(f.getKey(), f.getValue().toString());
      }
    }
    return b.build();
  }

  /** A library object with more than name and version (one has its own affected_versions). */
  private static boolean hasUnknownLibraryKeys(String field, JsonNode value) {
    if (!field.endsWith("_vulnerability") || !value.isObject()) {
      return false;
    }
    for (String key : (Iterable<String>) value::fieldNames) {
      if (!key.equals("name") && !key.equals("distributed_version")) {
        return true;
      }
    }
    return false;
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static List<String> strings(JsonNode list) {
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      return List.of(list.asText());
    }
    List<String> out = new java.util.ArrayList<>(list.size());
    list.forEach(x -> out.add(x.asText()));
    return out;
  }

  private static List<AdvisoryRange> ranges(JsonNode list) {
    List<AdvisoryRange> out = new java.util.ArrayList<>();
    for (JsonNode x : iterable(list)) {
      out.add(
          x.isTextual()
              ? AdvisoryRange.cpansa(x.asText())
              : AdvisoryRange.invalid(x.toString(), "not a string: " + x.getNodeType()));
    }
    return out;
  }

  private static Iterable<JsonNode> iterable(JsonNode list) {
    if (list == null || list.isNull()) {
      return List.of();
    }
    return list.isArray() ? list : List.of(list);
  }

  private static ThirdParty thirdParty(JsonNode n, boolean embedded) {
    if (n == null || !n.isObject() || text(n, "name") == null) {
      return null;
    }
    return new ThirdParty(text(n, "name"), text(n, "distributed_version"), embedded);
  }
}
