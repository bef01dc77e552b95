package org.cpansec.cli.audit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.cpansec.audit.AuditOptions;
import org.cpansec.audit.AuditReport;
import org.cpansec.audit.Auditor;
import org.cpansec.audit.Finding;
import org.cpansec.audit.report.JsonReport;
import org.cpansec.audit.report.SarifReport;
import org.cpansec.audit.report.TextReport;
import org.cpansec.cli.ExitCode;
import org.cpansec.cli.VersionInfo;
import org.cpansec.cli.db.DbOptions;
import org.cpansec.cli.sbom.SbomFormat;
import org.cpansec.cli.sbom.SbomOutput;
import org.cpansec.cpan.CoreModules;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import picocli.CommandLine.Model.CommandSpec;

/** Runs an audit over manifests and prints the report; the exit code follows --fail-on. */
final class AuditRunner {

  private AuditRunner() {}

  static ExtractContext context(AuditOptionsMixin options) {
    ExtractContext base = ExtractContext.defaults();
    return base.withTarget(options.targetPerl().orElse(base.targetPerl()), options.os);
  }

  /** An audit's report and the database it was made with. */
  record Audited(AuditReport report, DbOptions.Loaded database) {}

  static Audited audit(
      CommandSpec spec, AuditOptionsMixin options, List<Manifest> manifests, Optional<Path> dir) {
    AuditOptions auditOptions = options.auditOptions(dir);
    DbOptions.Loaded loaded = options.db.load(spec.commandLine().getErr());
    return new Audited(
        new Auditor(loaded.db(), CoreModules.bundled()).audit(manifests, auditOptions), loaded);
  }

  static int run(
      CommandSpec spec, AuditOptionsMixin options, List<Manifest> manifests, Optional<Path> dir) {
    PrintWriter out = spec.commandLine().getOut();
    Audited audited = audit(spec, options, manifests, dir);
    AuditReport report = audited.report();
    DbOptions.Loaded loaded = audited.database();
    Path base = dir.orElse(null);
    switch (options.format) {
      case json -> out.print(JsonReport.write(report, loaded.db().source(), base));
      case sarif -> out.print(SarifReport.write(report, new VersionInfo().getVersion()[0], base));
      case text -> new TextReport(out, base, options.colour()).write(report);
      case cyclonedx ->
          out.print(
              SbomOutput.render(
                  manifests,
                  SbomOutput.projectName(dir.map(List::of).orElse(List.of())),
                  Optional.of(report),
                  SbomFormat.CYCLONEDX_JSON,
                  options.reproducible,
                  spec.commandLine().getErr()));
    }
    out.flush();
    if (options.exitZero) {
      return ExitCode.OK;
    }
    for (Finding f : report.findings()) {
      if (options.failOn.counts(f)) {
        return ExitCode.FINDINGS;
      }
    }
    return ExitCode.OK;
  }
}
