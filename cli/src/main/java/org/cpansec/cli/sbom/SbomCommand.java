package org.cpansec.cli.sbom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cpansec.audit.AuditOptions;
import org.cpansec.audit.AuditReport;
import org.cpansec.audit.Auditor;
import org.cpansec.cli.ExitCode;
import org.cpansec.cli.ProjectInput;
import org.cpansec.cli.db.DbOptions;
import org.cpansec.cpan.CoreModules;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.Problem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpansec sbom [PATH…]}: a CycloneDX or SPDX SBOM of a Perl project. */
@Command(
    name = "sbom",
    mixinStandardHelpOptions = true,
    description = {
      "Write a CycloneDX 1.6 (JSON, XML) or SPDX 2.3 (JSON) SBOM of a Perl project:",
      "cpanfile.snapshot (exact releases, preferred), META.json/yml, cpanfile, or installed trees."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the SBOM was written (entries that could not be read are listed on stderr)",
      "2:usage error, or --out cannot be written",
      "3:an input could not be read",
      "4:internal error"
    })
public final class SbomCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DbOptions db;

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description = "Project directories or manifest files (default: the current directory).")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description = "cyclonedx-json (default), cyclonedx-xml or spdx-json.")
  SbomFormat format = SbomFormat.CYCLONEDX_JSON;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (default: stdout).")
  Path out;

  @Option(
      names = "--with-vulnerabilities",
      description = "Embed the audit's findings (CycloneDX vulnerabilities, SPDX security refs).")
  boolean withVulnerabilities;

  @Option(
      names = "--reproducible",
      description = "Serial number from the content and a fixed timestamp (1970-01-01T00:00:00Z).")
  boolean reproducible;

  @Option(
      names = "--installed",
      description = "Read PATHs as installed perl library trees (default: the perl's @INC).")
  boolean installed;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    format.warmUp();
    ExtractContext context = ExtractContext.defaults();
    List<Manifest> manifests =
        installed
            ? List.of(ProjectInput.installed(paths, context, err))
            : ProjectInput.read(ProjectInput.orCurrentDirectory(paths), context);
    for (Manifest m : manifests) {
      for (Problem p : m.problems()) {
        err.println("cpansec: warning: " + p.location() + ": " + p.message());
      }
    }
    Optional<AuditReport> audit = Optional.empty();
    if (withVulnerabilities) {
      audit =
          Optional.of(
              new Auditor(db.load(err).db(), CoreModules.bundled())
                  .audit(manifests, AuditOptions.defaults()));
    }
    String name = installed ? "installed" : SbomOutput.projectName(paths);
    String text = SbomOutput.render(manifests, name, audit, format, reproducible, err);
    SbomOutput.emit(text, Optional.ofNullable(out), spec.commandLine().getOut());
    return ExitCode.OK;
  }

  /** Reads --format values with their dashes. */
  static final class FormatConverter implements CommandLine.ITypeConverter<SbomFormat> {
    @Override
    public SbomFormat convert(String value) {
      try {
        return SbomFormat.of(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
