package org.cpansec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.detect.ManifestDetector.Detected;
import org.cpansec.version.InvalidVersionException;
import org.cpansec.version.PerlVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpansec deps}: every dependency the manifests declare, before any matching. */
@Command(
    name = "deps",
    mixinStandardHelpOptions = true,
    description = {
      "List every dependency found in a project's manifests (cpanfile.snapshot, cpanfile,"
          + " META.json/yml, MYMETA.*, CycloneDX and SPDX SBOMs) or installed perl trees.",
      "Nothing is run: cpanfiles are parsed, not executed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every manifest was read completely",
      "1:manifests were read, but some entries could not be (listed as problems)",
      "2:usage error (an invalid --perl or option)",
      "3:a manifest could not be read at all (missing, too large, binary, not its format)",
      "4:internal error"
    })
public final class DepsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin FormatOption format;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Project directories or manifest files (default: the current directory).")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--installed",
      description =
          "Read PATHs as installed perl library trees (default: the @INC of the perl on PATH).")
  boolean installed;

  @Option(
      names = "--perl",
      paramLabel = "VERSION",
      description = "The perl a cpanfile's $] conditions are evaluated for (default: 5.036000).")
  String perl = "5.036000";

  @Option(
      names = "--os",
      paramLabel = "NAME",
      description = "The OS a cpanfile's $^O conditions are evaluated for (default: linux).")
  String os = "linux";

  @Option(
      names = "--graph",
      description = "Also list the requirements of each locked distribution (snapshot graph).")
  boolean graph;

  @Override
  public Integer call() {
    ExtractContext context = context();
    List<DepsReport.Read> reads = new ArrayList<>();
    if (installed) {
      reads.add(
          new DepsReport.Read(
              ProjectInput.installed(paths, context, spec.commandLine().getErr()),
              Optional.empty()));
    } else {
      for (Path p : ProjectInput.orCurrentDirectory(paths)) {
        for (Detected d : ProjectInput.detect(p)) {
          reads.add(new DepsReport.Read(ProjectInput.extract(d, context), d.coveredBy()));
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    DepsReport report = new DepsReport(reads, graph);
    out.print(format.json() ? report.json() : report.text());
    out.flush();
    return report.problemCount() == 0 ? ExitCode.OK : ExitCode.FINDINGS;
  }

  private ExtractContext context() {
    try {
      return ExtractContext.defaults().withTarget(PerlVersion.parse(perl), os);
    } catch (InvalidVersionException e) {
      throw new UserException("--perl " + perl + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UserException("--os: " + e.getMessage(), e);
    }
  }
}
