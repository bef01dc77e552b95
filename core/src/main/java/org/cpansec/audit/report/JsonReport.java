package org.cpansec.audit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryRange;
import org.cpansec.advisory.DatabaseSource;
import org.cpansec.advisory.Reference;
import org.cpansec.advisory.Release;
import org.cpansec.audit.AuditReport;
import org.cpansec.audit.Exclusion;
import org.cpansec.audit.Finding;
import org.cpansec.audit.FindingKind;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.Problem;
import org.cpansec.manifest.SourceLocation;
import org.cpansec.manifest.VersionSpec;

/**
 * The audit as JSON, format {@code cpansec-audit/1}. A contract: fields are added, never renamed or
 * removed without a new format name. Documented in docs/cli.md.
 */
public final class JsonReport {

  public static final String FORMAT = "cpansec-audit/1";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static String write(AuditReport report, DatabaseSource source, Path base) {
    try {
      return MAPPER.writeValueAsString(tree(report, source, base)) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the audit as JSON", e);
    }
  }

  public static ObjectNode tree(AuditReport report, DatabaseSource source, Path base) {
    ObjectNode root = MAPPER.createObjectNode().put("format", FORMAT);
    ObjectNode db = root.putObject("database").put("kind", source.kind());
    db.put("repository", source.repository())
        .put("commit", source.commit())
        .put("date", source.date());
    ObjectNode summary = root.putObject("summary");
    summary.put("manifests", report.manifests().size()).put("dependencies", report.dependencies());
    summary.put("findings", report.findings().size());
    for (FindingKind k : FindingKind.values()) {
      summary.put(k.label(), report.count(k));
    }
    summary.put("problems", report.problemCount());
    ArrayNode manifests = root.putArray("manifests");
    for (Manifest m : report.manifests()) {
      ObjectNode node = manifests.addObject().put("file", Paths.show(m.file(), base));
      node.put("format", m.format()).put("dependencies", m.dependencies().size());
      ArrayNode problems = node.putArray("problems");
      for (Problem p : m.problems()) {
        location(problems.addObject(), p.location(), base).put("message", p.message());
      }
    }
    ArrayNode findings = root.putArray("findings");
    for (Finding f : report.findings()) {
      finding(findings.addObject(), f, base);
    }
    report.unresolvedModules().forEach(root.putArray("unresolved_modules")::add);
    report.coreModules().forEach(root.putArray("core_modules")::add);
    ObjectNode ex = root.putObject("exclusions");
    report.exclusions().used().forEach(ex.putArray("used")::add);
    ArrayNode expired = ex.putArray("expired");
    for (Exclusion e : report.exclusions().expired()) {
      expired
          .addObject()
          .put("id", e.id())
          .put("reason", e.reason())
          .put("expires", e.expires().map(Object::toString).orElse(null))
          .put("where", e.where());
    }
    return root;
  }

  private static void finding(ObjectNode node, Finding f, Path base) {
    Dependency dep = f.dependency();
    node.put("kind", f.kind().label()).put("distribution", f.distribution());
    node.put("module", dep.module().map(Object::toString).orElse(null));
    if (dep.version() instanceof VersionSpec.Exact) {
      node.put("version", dep.version().written());
    } else if (dep.version() instanceof VersionSpec.Requirement) {
      node.put("range", dep.version().written());
    } else {
      node.put("version", dep.version().written());
    }
    node.put("phase", dep.phase().specName())
        .put("relationship", dep.relationship().name().toLowerCase(java.util.Locale.ROOT));
    location(node.putObject("source"), dep.source(), base);
    node.put("severity", f.severity().label());
    ArrayNode advisories = node.putArray("advisories");
    for (Advisory a : f.advisories()) {
      advisory(advisories.addObject(), a);
    }
    ArrayNode releases = node.putArray("affected_releases");
    for (Release r : f.affectedReleases()) {
      releases.add(r.text());
    }
    ObjectNode fix = node.putObject("remediation");
    fix.put("upgrade_to", f.remediation().upgradeTo().map(Release::text).orElse(null));
    if (f.remediation().declaredRangeAllows().isPresent()) {
      fix.put("declared_range_allows", f.remediation().declaredRangeAllows().get());
    } else {
      fix.putNull("declared_range_allows");
    }
    fix.put("summary", f.advice());
    node.put("reason", f.reason().orElse(null));
    node.put("resolved_by", f.resolvedBy().orElse(null));
  }

  private static void advisory(ObjectNode node, Advisory a) {
    node.put("id", a.id());
    a.cves().forEach(node.putArray("cves")::add);
    node.put("severity", a.severity().level().label()).put("title", Titles.of(a));
    ArrayNode affected = node.putArray("affected");
    for (AdvisoryRange r : a.affected()) {
      affected.add(r.text());
    }
    ArrayNode fixed = node.putArray("fixed");
    for (AdvisoryRange r : a.fixed()) {
      fixed.add(r.text());
    }
    ArrayNode refs = node.putArray("references");
    for (Reference r : a.references()) {
      refs.add(r.url());
    }
  }

  private static ObjectNode location(ObjectNode node, SourceLocation at, Path base) {
    node.put("file", Paths.show(at.file(), base));
    if (at.line() > 0) {
      node.put("line", at.line());
    }
    if (at.column() > 0) {
      node.put("column", at.column());
    }
    return node;
  }
}
