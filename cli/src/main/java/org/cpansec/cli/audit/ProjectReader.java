package org.cpansec.cli.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cpansec.cli.UserException;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Extractor;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.UnreadableManifestException;
import org.cpansec.manifest.detect.Extractors;
import org.cpansec.manifest.detect.ManifestDetector;

/**
 * Turns the paths a user gives into manifests: a directory is searched for every manifest it holds,
 * a file is read by the extractor its name calls for. Anything that cannot be read ends the command
 * with exit code 3 and a message naming the file.
 */
final class ProjectReader {

  private ProjectReader() {}

  static List<Manifest> read(List<Path> paths, ExtractContext context) {
    List<Manifest> out = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        List<ManifestDetector.Detected> found;
        try {
          found = ManifestDetector.standard().detect(path);
        } catch (java.io.UncheckedIOException e) {
          throw UserException.unreadable(
              path + ": cannot read the directory: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
          throw UserException.unreadable(
              path
                  + ": no manifest found (looked for cpanfile.snapshot, cpanfile, META.json,"
                  + " META.yml, MYMETA.*, CycloneDX and SPDX SBOMs)",
              null);
        }
        for (ManifestDetector.Detected d : found) {
          out.add(extract(d.extractor(), d.file(), context));
        }
      } else if (Files.isRegularFile(path)) {
        Extractor e =
            Extractors.forFile(path)
                .orElseThrow(
                    () ->
                        UserException.unreadable(
                            path + ": not a manifest cpansec reads (by its name)", null));
        out.add(extract(e, path, context));
      } else {
        throw UserException.unreadable(path + ": no such file or directory", null);
      }
    }
    return out;
  }

  static Manifest extract(Extractor extractor, Path file, ExtractContext context) {
    try {
      return extractor.extract(file, context);
    } catch (UnreadableManifestException e) {
      throw UserException.unreadable(e.getMessage(), e);
    }
  }
}
