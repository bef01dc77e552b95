package org.cpansec.advisory.cna;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryBatch;
import org.cpansec.advisory.AdvisoryBuilder;
import org.cpansec.advisory.AdvisoryFormatException;
import org.cpansec.advisory.AdvisoryRange;
import org.cpansec.advisory.AdvisoryReader;
import org.cpansec.advisory.Credit;
import org.cpansec.advisory.DatabaseSource;
import org.cpansec.advisory.Origin;
import org.cpansec.advisory.Reference;
import org.cpansec.version.InvalidRangeException;
import org.cpansec.version.VersionRange;

/**
 * Reads a CPANSec CNA YAML record (CPANSEC-PROCESS §7) as an advisory, read only. Kept to this one
 * class so it can later defer to the authoring model of {@code org.cpansec.cve}. Titles and
 * descriptions are taken as written (a {@code {{VERSION_RANGE}}} token is left in place: filling it
 * in is the authoring tool's job).
 */
public final class CnaYamlReader implements AdvisoryReader {
  public static final String KIND = "cna-yaml";
  private static final YAMLMapper MAPPER = new YAMLMapper();

  @Override
  public AdvisoryBatch read(Path file) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new AdvisoryFormatException(
          file.toString(),
          "line " + e.getLocation().getLineNr(),
          "not valid YAML: " + e.getOriginalMessage(),
          e);
    }
    JsonNode r = root == null ? null : root.get("cpansec");
    if (r == null || !r.isObject()) {
      throw new AdvisoryFormatException(
          file.toString(), "", "no top-level 'cpansec' mapping", null);
    }
    for (String required : List.of("cve", "distribution", "affected")) {
      if (!r.hasNonNull(required)) {
        throw new AdvisoryFormatException(
            file.toString(), "/cpansec", "required key '" + required + "' missing", null);
      }
    }
    AdvisoryBuilder b =
        Advisory.builder(r.get("cve").asText(), r.get("distribution").asText())
            .origin(new Origin(KIND, file.toString(), "/cpansec"));
    for (JsonNode a : r.get("affected")) {
      try {
        b.affected(AdvisoryRange.of(VersionRange.parseCna(a.asText())));
      } catch (InvalidRangeException e) {
        b.affected(AdvisoryRange.invalid(a.asText(), "column " + e.column() + ": " + e.reason()));
      }
    }
    b.title(strip(r.get("title"))).description(strip(r.get("description")));
    r.path("cwes").forEach(c -> b.cwe(c.asText().split("\\s+", 2)[0]));
    r.path("references").forEach(x -> b.reference(Reference.guess(x.path("link").asText())));
    r.path("credits")
        .forEach(
            c -> b.credit(new Credit(c.path("value").asText(), c.path("type").asText("other"))));
    return AdvisoryBatch.ofAdvisories(
        DatabaseSource.of(KIND, file.toString()), List.of(b.build()), List.of(), true);
  }

  private static String strip(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText().strip();
  }
}
