package org.cpansec.sbom.spdx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cpansec.sbom.SbomComponent;
import org.cpansec.sbom.SbomDocument;
import org.cpansec.sbom.SbomLink;
import org.cpansec.sbom.SbomVulnerability;
import org.cpansec.sbom.SbomWriter;

/**
 * SPDX 2.3 JSON: one package per component, the project DESCRIBED by the document, the project's
 * own requirements as phase relationships ({@code RUNTIME_DEPENDENCY_OF}, {@code
 * TEST_DEPENDENCY_OF} ...) and the lock file's graph as {@code DEPENDS_ON}; findings become
 * SECURITY external references of the packages they affect.
 */
public final class SpdxJsonWriter implements SbomWriter {
  static final String NOASSERTION = "NOASSERTION";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public String write(SbomDocument d) {
    Ids ids = new Ids();
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("spdxVersion", "SPDX-2.3");
    doc.put("dataLicense", "CC0-1.0");
    doc.put("SPDXID", "SPDXRef-DOCUMENT");
    doc.put("name", d.root().label());
    doc.put(
        "documentNamespace",
        "https://cpansec.org/spdx/" + ids.clean(d.root().label()) + "-" + d.stamp().serial());
    ObjectNode creation = doc.putObject("creationInfo");
    creation.put("created", DateTimeFormatter.ISO_INSTANT.format(d.stamp().created()));
    creation.putArray("creators").add("Tool: cpansec-" + d.toolVersion());
    Map<String, List<SbomVulnerability>> findings = new HashMap<>();
    for (SbomVulnerability v : d.vulnerabilities()) {
      v.affects()
          .forEach(ref -> findings.computeIfAbsent(ref, k -> new java.util.ArrayList<>()).add(v));
    }
    ArrayNode packages = doc.putArray("packages");
    packages.add(pkg(d.root(), ids.of(d.root()), findings));
    for (SbomComponent c : d.components()) {
      packages.add(pkg(c, ids.of(c), findings));
    }
    ArrayNode relationships = doc.putArray("relationships");
    relationship(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", ids.of(d.root()));
    Relationships.add(relationships, d, ids);
    try {
      return MAPPER.writeValueAsString(doc) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree: " + e.getMessage(), e);
    }
  }

  private static ObjectNode pkg(
      SbomComponent c, String id, Map<String, List<SbomVulnerability>> findings) {
    ObjectNode p = MAPPER.createObjectNode();
    p.put("SPDXID", id);
    p.put("name", c.name());
    c.version().ifPresent(v -> p.put("versionInfo", v));
    p.put(
        "downloadLocation",
        c.links().stream()
            .filter(l -> l.kind() == SbomLink.Kind.DOWNLOAD || l.kind() == SbomLink.Kind.REPOSITORY)
            .map(SbomLink::url)
            .findFirst()
            .orElse(NOASSERTION));
    p.put("filesAnalyzed", false);
    c.sha256()
        .ifPresent(
            h ->
                p.putArray("checksums")
                    .addObject()
                    .put("algorithm", "SHA256")
                    .put("checksumValue", h));
    c.links().stream()
        .filter(l -> l.kind() == SbomLink.Kind.HOMEPAGE || l.kind() == SbomLink.Kind.RELEASE_PAGE)
        .findFirst()
        .ifPresent(l -> p.put("homepage", l.url()));
    p.put("licenseConcluded", NOASSERTION);
    p.put("licenseDeclared", c.license().orElse(NOASSERTION));
    p.put("copyrightText", NOASSERTION);
    c.description().ifPresent(s -> p.put("summary", s));
    if (!c.authors().isEmpty()) {
      p.put("originator", "Person: " + String.join(", ", c.authors()));
    }
    String comment = comment(c);
    if (!comment.isEmpty()) {
      p.put("comment", comment);
    }
    ArrayNode refs = externalRefs(c, findings.getOrDefault(c.ref(), List.of()));
    if (!refs.isEmpty()) {
      p.set("externalRefs", refs);
    }
    return p;
  }

  /** The purl, then one SECURITY reference per finding that affects the package. */
  private static ArrayNode externalRefs(SbomComponent c, List<SbomVulnerability> findings) {
    ArrayNode refs = MAPPER.createArrayNode();
    c.purl()
        .ifPresent(
            purl ->
                refs.addObject()
                    .put("referenceCategory", "PACKAGE-MANAGER")
                    .put("referenceType", "purl")
                    .put("referenceLocator", purl));
    for (SbomVulnerability v : findings) {
      for (String url : SecurityRefs.urls(v)) {
        refs.addObject()
            .put("referenceCategory", "SECURITY")
            .put("referenceType", "advisory")
            .put("referenceLocator", url)
            .put(
                "comment",
                v.id() + " (" + v.finding() + ", " + v.severity() + "): " + v.recommendation());
      }
    }
    return refs;
  }

  private static String comment(SbomComponent c) {
    StringBuilder s = new StringBuilder();
    c.requirement().ifPresent(r -> s.append("requirement: ").append(r));
    if (!c.provides().isEmpty()) {
      s.append(s.length() > 0 ? "; " : "")
          .append("provides: ")
          .append(String.join(", ", c.provides()));
    }
    return s.toString();
  }

  static void relationship(ArrayNode out, String from, String type, String to) {
    out.addObject()
        .put("spdxElementId", from)
        .put("relationshipType", type)
        .put("relatedSpdxElement", to);
  }
}
