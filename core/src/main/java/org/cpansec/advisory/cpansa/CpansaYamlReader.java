package org.cpansec.advisory.cpansa;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryBatch;
import org.cpansec.advisory.AdvisoryFormatException;
import org.cpansec.advisory.AdvisoryReader;
import org.cpansec.advisory.DatabaseSource;
import org.cpansec.advisory.LintFinding;
import org.cpansec.advisory.Origin;

/**
 * Reads the hand-kept CPANSA YAML source files ({@code CPANSA-<Dist>.yml}: a top-level {@code
 * distribution} and an {@code advisories} list). Each entry's origin is its line in the file.
 */
public final class CpansaYamlReader implements AdvisoryReader {
  public static final String KIND = "cpansa-yaml";
  private static final YAMLMapper MAPPER = new YAMLMapper();

  /** Reads one file, or every {@code *.yml} of a directory in name order. */
  @Override
  public AdvisoryBatch read(Path fileOrDir) throws IOException {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(fileOrDir)) {
      try (var s = Files.list(fileOrDir)) {
        s.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(files::add);
      }
    } else {
      files.add(fileOrDir);
    }
    List<Advisory> entries = new ArrayList<>();
    List<LintFinding> findings = new ArrayList<>();
    for (Path f : files) {
      try {
        readFile(f, entries, findings);
      } catch (JsonProcessingException e) {
        throw new AdvisoryFormatException(
            f.toString(),
            "line " + e.getLocation().getLineNr(),
            "not valid YAML: " + e.getOriginalMessage(),
            e);
      }
    }
    return AdvisoryBatch.ofAdvisories(
        DatabaseSource.of(KIND, fileOrDir.toString()), entries, findings, false);
  }

  private static void readFile(Path f, List<Advisory> entries, List<LintFinding> findings)
      throws IOException {
    String file = f.toString();
    String dist = null;
    List<JsonNode> nodes = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    try (JsonParser p = MAPPER.getFactory().createParser(f.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new AdvisoryFormatException(
            file, "line 1", "expected a mapping with advisories", null);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("distribution") && t == JsonToken.VALUE_STRING) {
          dist = p.getText();
        } else if (field.equals("advisories") && t == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            lines.add(p.currentLocation().getLineNr());
            nodes.add(MAPPER.readTree(p));
          }
        } else {
          p.skipChildren();
        }
      }
    }
    if (dist == null) {
      throw new AdvisoryFormatException(file, "", "no top-level 'distribution'", null);
    }
    for (int i = 0; i < nodes.size(); i++) {
      Origin origin = new Origin(KIND, file, "line " + lines.get(i));
      entries.add(CpansaEntry.read(nodes.get(i), dist, origin, findings));
    }
  }
}
