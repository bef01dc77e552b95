package org.cpansec.cli.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cpansec.audit.AuditOptions;
import org.cpansec.audit.Exclusion;
import org.cpansec.audit.Exclusions;
import org.cpansec.audit.IgnoreFile;
import org.cpansec.audit.PackagesIndex;
import org.cpansec.cli.UserException;
import org.cpansec.cli.db.DbOptions;
import org.cpansec.version.InvalidVersionException;
import org.cpansec.version.PerlVersion;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every audit command shares. */
public final class AuditOptionsMixin {

  @Mixin DbOptions db;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  ReportFormat format = ReportFormat.text;

  @Option(
      names = "--perl",
      paramLabel = "VERSION",
      description = {
        "Target perl: core modules are judged for it and advisories against perl itself are",
        "reported. Default: the perl on PATH; 'none' for no perl."
      })
  String perl;

  @Option(
      names = "--os",
      paramLabel = "NAME",
      description = "Target \\$^O for cpanfile conditions (default: linux).")
  String os = "linux";

  @Option(
      names = "--index",
      paramLabel = "FILE",
      description = "A CPAN 02packages.details.txt[.gz] to map modules to distributions.")
  Path index;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "any",
      description =
          "Exit 1 only for findings at or above: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  FailOn failOn = FailOn.any;

  @Option(
      names = "--exit-zero",
      description = "Exit 0 even when something is found (errors still exit 2 or 3).")
  boolean exitZero;

  @Option(
      names = "--exclude",
      paramLabel = "ID",
      description = "Ignore this advisory id or CVE (repeatable).")
  List<String> exclude = new ArrayList<>();

  @Option(
      names = "--exclude-file",
      paramLabel = "FILE",
      description = "Ignore the ids listed in FILE, one a line (CPAN::Audit's format).")
  List<Path> excludeFiles = new ArrayList<>();

  @Option(
      names = "--ignore-file",
      paramLabel = "FILE",
      description =
          "Ignore file with id, reason and optional expiry (default: .cpansec-ignore.yml in the audited directory, when present).")
  Path ignoreFile;

  @Option(
      names = "--no-color",
      description = "No colour in text output (NO_COLOR is honoured too).")
  boolean noColor;

  @Option(
      names = "--reproducible",
      description =
          "With --format cyclonedx: serial number from the content and a fixed timestamp.")
  boolean reproducible;

  Optional<PerlVersion> targetPerl() {
    if (perl != null) {
      if (perl.equals("none")) {
        return Optional.empty();
      }
      try {
        return Optional.of(PerlVersion.parse(perl));
      } catch (InvalidVersionException e) {
        throw new UserException("--perl " + perl + ": " + e.perlMessage(), e);
      }
    }
    return perlOnPath();
  }

  /** {@code $^V} of the perl on PATH, or empty when there is none. */
  private static Optional<PerlVersion> perlOnPath() {
    try {
      Process p =
          new ProcessBuilder("perl", "-e", "printf q{%vd}, $^V").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.empty();
      }
      return PerlVersion.tryParse(out);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  AuditOptions auditOptions(Optional<Path> projectDir) {
    List<Exclusion> list = new ArrayList<>();
    for (String id : exclude) {
      list.add(new Exclusion(id, "excluded on the command line", Optional.empty(), "--exclude"));
    }
    for (Path file : excludeFiles) {
      list.addAll(readIgnores(file, true));
    }
    Path ignores = ignoreFile;
    if (ignores == null && projectDir.isPresent()) {
      Path candidate = projectDir.get().resolve(IgnoreFile.DEFAULT_NAME);
      ignores = Files.isRegularFile(candidate) ? candidate : null;
    }
    if (ignores != null) {
      list.addAll(readIgnores(ignores, false));
    }
    Optional<PackagesIndex> packages = Optional.empty();
    if (index != null) {
      try {
        packages = Optional.of(PackagesIndex.read(index));
      } catch (java.io.UncheckedIOException e) {
        throw UserException.unreadable(e.getMessage(), e);
      }
    }
    return new AuditOptions(targetPerl(), packages, new Exclusions(list, LocalDate.now()));
  }

  private static List<Exclusion> readIgnores(Path file, boolean idList) {
    try {
      return idList ? IgnoreFile.readIdList(file) : IgnoreFile.read(file);
    } catch (java.io.UncheckedIOException e) {
      throw UserException.unreadable(e.getMessage(), e);
    } catch (IgnoreFile.InvalidIgnoreFileException e) {
      throw UserException.unreadable(e.getMessage(), e);
    }
  }

  boolean colour() {
    return !noColor && System.console() != null && System.getenv("NO_COLOR") == null;
  }
}
