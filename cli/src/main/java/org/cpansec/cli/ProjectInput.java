package org.cpansec.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Extractor;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.UnreadableManifestException;
import org.cpansec.manifest.detect.Extractors;
import org.cpansec.manifest.detect.ManifestDetector;
import org.cpansec.manifest.detect.ManifestDetector.Detected;
import org.cpansec.manifest.installed.InstalledTrees;

/**
 * The paths a user names, turned into manifests, for {@code deps} and every {@code audit} command:
 * a directory is searched for every manifest it holds, a file is read by the extractor its name
 * calls for. Anything that cannot be read ends the command with exit code 3 and one message naming
 * the file.
 */
public final class ProjectInput {

  private static final String EXPECTED =
      "cpanfile.snapshot, cpanfile, META.json, META.yml, MYMETA.*, bom.json, *.cdx.json, bom.xml,"
          + " *.cdx.xml, *.spdx.json";

  private ProjectInput() {}

  /** The paths a command was given, or the current directory when none. */
  public static List<Path> orCurrentDirectory(List<Path> paths) {
    return paths == null || paths.isEmpty() ? List.of(Path.of(".")) : paths;
  }

  /** The manifests at a path: everything a directory holds, or the one file. */
  public static List<Detected> detect(Path p) {
    if (Files.isDirectory(p)) {
      List<Detected> found;
      try {
        found = ManifestDetector.standard().detect(p);
      } catch (java.io.UncheckedIOException e) {
        throw UserException.unreadable(p + ": cannot read the directory: " + e.getMessage(), e);
      }
      if (found.isEmpty()) {
        throw UserException.unreadable(p + ": no manifest found (expected " + EXPECTED + ")", null);
      }
      return found;
    }
    if (!Files.exists(p)) {
      throw UserException.unreadable(p + ": no such file or directory", null);
    }
    Extractor e =
        Extractors.forFile(p)
            .orElseThrow(
                () ->
                    UserException.unreadable(
                        p + ": not a known manifest name (expected " + EXPECTED + ", *.pm)", null));
    return List.of(new Detected(p, e, Optional.empty()));
  }

  public static Manifest extract(Detected d, ExtractContext context) {
    try {
      return d.extractor().extract(d.file(), context);
    } catch (UnreadableManifestException e) {
      throw UserException.unreadable(e.getMessage(), e);
    }
  }

  /** Every manifest at every path. */
  public static List<Manifest> read(List<Path> paths, ExtractContext context) {
    List<Manifest> out = new ArrayList<>();
    for (Path p : paths) {
      for (Detected d : detect(p)) {
        out.add(extract(d, context));
      }
    }
    return out;
  }

  /**
   * The modules installed in {@code dirs} (empty: the {@code @INC} of the perl on PATH), with a
   * progress bar on {@code err} when it is a terminal.
   */
  public static Manifest installed(List<Path> dirs, ExtractContext context, PrintWriter err) {
    List<Path> trees = dirs.isEmpty() ? InstalledTrees.perlInc() : dirs;
    boolean terminal = System.console() != null;
    Manifest m =
        InstalledTrees.scan(
            trees, context, terminal ? new ProgressBar(err)::update : (done, total, file) -> {});
    if (terminal) {
      err.print("\r\033[K");
      err.flush();
    }
    return m;
  }

  /** A one-line progress bar on stderr, redrawn in place when the percentage changes. */
  private static final class ProgressBar {
    private final PrintWriter err;
    private int lastPercent = -1;

    ProgressBar(PrintWriter err) {
      this.err = err;
    }

    void update(int done, int total, Path current) {
      int percent = total == 0 ? 100 : done * 100 / total;
      if (percent != lastPercent) {
        lastPercent = percent;
        int filled = percent / 5;
        err.print("\r[" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + done + "/" + total);
        err.flush();
      }
    }
  }
}
