package org.cpansec.cli.sbom;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.cpansec.audit.AuditReport;
import org.cpansec.cli.Main;
import org.cpansec.cli.UserException;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.UnreadableManifestException;
import org.cpansec.sbom.SbomBuilder;

/** Builds and writes an SBOM for {@code sbom} and for {@code audit --format cyclonedx}. */
public final class SbomOutput {
  private SbomOutput() {}

  /** The SBOM text of {@code manifests}, with the findings of {@code audit} when given. */
  public static String render(
      List<Manifest> manifests,
      String projectName,
      Optional<AuditReport> audit,
      SbomFormat format,
      boolean reproducible,
      PrintWriter err) {
    SbomBuilder.Result result;
    try {
      result =
          SbomBuilder.build(
              manifests, new SbomBuilder.Options(projectName, toolVersion(), reproducible), audit);
    } catch (UnreadableManifestException e) {
      // a cached tarball or an installed release's MYMETA.json that cannot be read
      throw UserException.unreadable(e.getMessage(), e);
    } catch (java.io.UncheckedIOException e) {
      throw UserException.unreadable(e.getMessage(), e);
    }
    if (!result.unresolvedModules().isEmpty()) {
      err.println(
          "cpansec: note: "
              + result.unresolvedModules().size()
              + " modules required by locked distributions are provided by none of them (perl's"
              + " own modules, or an incomplete snapshot); they are not in the dependency graph: "
              + String.join(", ", result.unresolvedModules()));
    }
    return format.writer().write(result.document());
  }

  /** The project's name when no META names it: the directory's name. */
  public static String projectName(List<Path> paths) {
    Path first = paths.isEmpty() ? Path.of(".") : paths.get(0);
    Path abs = first.toAbsolutePath().normalize();
    Path dir = Files.isDirectory(abs) ? abs : abs.getParent();
    Path name = dir == null ? null : dir.getFileName();
    return name == null ? "project" : name.toString();
  }

  /** Prints {@code text} to {@code out}, or writes it to {@code file} when one is given. */
  public static void emit(String text, Optional<Path> file, PrintWriter out) {
    if (file.isEmpty()) {
      out.print(text);
      out.flush();
      return;
    }
    try {
      Files.writeString(file.get(), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserException("--out " + file.get() + ": cannot write: " + e.getMessage(), e);
    }
  }

  private static String toolVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }
}
