package org.cpansec.sbom;

import java.util.List;
import java.util.Optional;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.audit.AuditOptions;
import org.cpansec.audit.AuditReport;
import org.cpansec.audit.Auditor;
import org.cpansec.cpan.CoreModules;
import org.cpansec.manifest.Datapack;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.detect.ManifestDetector;

/** Data-pack projects read the way the CLI reads a directory, and their SBOMs. */
final class Projects {
  static final String TOOL = "test";
  private static AdvisoryDatabase db;

  private Projects() {}

  static List<Manifest> manifests(String project) {
    ExtractContext context = ExtractContext.defaults();
    return ManifestDetector.standard().detect(Datapack.project(project)).stream()
        .map(d -> d.extractor().extract(d.file(), context))
        .toList();
  }

  static synchronized AdvisoryDatabase db() {
    if (db == null) {
      try {
        db = AdvisoryDatabase.load(Datapack.path("advisory-db/cpan-security-advisory.json"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return db;
  }

  static AuditReport audit(List<Manifest> manifests) {
    return new Auditor(db(), CoreModules.bundled()).audit(manifests, AuditOptions.defaults());
  }

  static SbomDocument sbom(String project, boolean withVulnerabilities) {
    List<Manifest> manifests = manifests(project);
    Optional<AuditReport> audit =
        withVulnerabilities ? Optional.of(audit(manifests)) : Optional.empty();
    return SbomBuilder.build(manifests, new SbomBuilder.Options(project, TOOL, true), audit)
        .document();
  }
}
