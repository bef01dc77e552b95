package org.cpansec.cli.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cpansec.advisory.AdvisoryBatch;
import org.cpansec.advisory.AdvisoryFormatException;
import org.cpansec.advisory.AdvisoryReader;
import org.cpansec.advisory.cna.CnaYamlReader;
import org.cpansec.advisory.cna.CveJson5Reader;
import org.cpansec.advisory.cpansa.CpansaYamlReader;
import org.cpansec.advisory.osv.OsvReader;
import org.cpansec.cli.UserException;

/**
 * Reads the {@code --with} sources merged over the main database: CNA YAML records, CVE JSON 5
 * records, OSV records and CPANSA YAML files, each file recognised by its own top-level keys (a
 * directory is read file by file). A file that is none of these is an error, not skipped.
 */
final class ExtraSources {
  private ExtraSources() {}

  static List<AdvisoryBatch> read(List<Path> paths) {
    List<AdvisoryBatch> batches = new ArrayList<>();
    for (Path p : paths) {
      for (Path file : files(p)) {
        try {
          batches.add(readerFor(file).read(file));
        } catch (AdvisoryFormatException e) {
          throw new UserException("--with: " + e.getMessage(), e);
        } catch (IOException e) {
          throw new UserException("--with: cannot read " + file + ": " + e, e);
        }
      }
    }
    return batches;
  }

  private static List<Path> files(Path p) {
    if (!Files.exists(p)) {
      throw new UserException("--with: no such file or directory: " + p);
    }
    if (!Files.isDirectory(p)) {
      return List.of(p);
    }
    try (Stream<Path> s = Files.list(p)) {
      return s.filter(f -> f.toString().matches(".*\\.(json|ya?ml)$")).sorted().toList();
    } catch (IOException e) {
      throw new UserException("--with: cannot list " + p + ": " + e, e);
    }
  }

  /**
   * Recognises a file by the keys its format requires: anywhere in a JSON file (CVE records put
   * {@code cveMetadata} last), at the start of a line in the first 4 KiB of a YAML file.
   */
  static AdvisoryReader readerFor(Path file) throws IOException {
    String head;
    try (var in = Files.newInputStream(file)) {
      head = new String(in.readNBytes(1 << 24), StandardCharsets.UTF_8);
    }
    if (!file.getFileName().toString().endsWith(".json") && head.length() > 4096) {
      head = head.substring(0, 4096);
    }
    String name = file.getFileName().toString();
    if (name.endsWith(".json")) {
      if (head.contains("\"cveMetadata\"")) {
        return new CveJson5Reader();
      }
      if (head.contains("\"modified\"") || head.contains("\"schema_version\"")) {
        return new OsvReader();
      }
    } else if (head.matches("(?s)(.*\\n)?cpansec:.*")) {
      return new CnaYamlReader();
    } else if (head.matches("(?s)(.*\\n)?advisories:.*")) {
      return new CpansaYamlReader();
    }
    throw new UserException(
        "--with: "
            + file
            + " is none of: CNA YAML (cpansec:), CPANSA YAML (advisories:),"
            + " CVE JSON 5 (cveMetadata), OSV (id, modified)");
  }
}
