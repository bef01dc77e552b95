package org.cpansec.advisory.cpansa;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryBatch;
import org.cpansec.advisory.AdvisoryFormatException;
import org.cpansec.advisory.AdvisoryReader;
import org.cpansec.advisory.DatabaseSource;
import org.cpansec.advisory.LintFinding;
import org.cpansec.advisory.LintKind;
import org.cpansec.advisory.Origin;
import org.cpansec.advisory.ReleaseList;

/**
 * Reads the generated CPANSA JSON database with a streaming parser: the 4 MB file is the start-up
 * cost of every command, so release lists are kept as text (parsed on first use) and only advisory
 * entries become trees. Each entry's origin is its JSON pointer, as the file is a single line.
 */
public final class CpansaJsonReader implements AdvisoryReader {
  public static final String KIND = "cpansa-json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public AdvisoryBatch read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /** Reads from a stream; {@code name} is what locations and errors call the source. */
  public AdvisoryBatch read(InputStream in, String name) throws IOException {
    try (JsonParser p = MAPPER.getFactory().createParser(in)) {
      return new Walk(p, name).top();
    } catch (JsonProcessingException e) {
      throw new AdvisoryFormatException(
          name,
          "line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr(),
          "not valid JSON: " + e.getOriginalMessage(),
          e);
    }
  }

  private static final class Walk {
    private final JsonParser p;
    private final String name;
    private final List<Advisory> entries = new ArrayList<>();
    private final Map<String, ReleaseList> releases = new LinkedHashMap<>();
    private final Map<String, String> mainModules = new HashMap<>();
    private final Map<String, String> module2dist = new HashMap<>(16_384);
    private final List<LintFinding> findings = new ArrayList<>();
    private JsonNode meta;

    Walk(JsonParser p, String name) {
      this.p = p;
      this.name = name;
    }

    private AdvisoryFormatException shape(String where, String expected) {
      return new AdvisoryFormatException(
          name,
          where,
          "expected "
              + expected
              + ", found "
              + p.currentToken()
              + " at line "
              + p.currentLocation().getLineNr()
              + " column "
              + p.currentLocation().getColumnNr(),
          null);
    }

    private void expect(JsonToken t, String where, String expected) throws IOException {
      if (p.nextToken() != t) {
        throw shape(where, expected);
      }
    }

    AdvisoryBatch top() throws IOException {
      expect(JsonToken.START_OBJECT, "", "a JSON object with meta, module2dist and dists");
      boolean sawDists = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "meta":
            meta = MAPPER.readTree(p);
            break;
          case "module2dist":
            moduleMap();
            break;
          case "dists":
            dists();
            sawDists = true;
            break;
          default:
            p.skipChildren();
        }
      }
      if (!sawDists) {
        throw new AdvisoryFormatException(
            name, "", "no 'dists' object: not a CPANSA database", null);
      }
      return new AdvisoryBatch(
          source(), entries, releases, mainModules, module2dist, findings, false);
    }

    private DatabaseSource source() {
      if (meta == null || !meta.isObject()) {
        return DatabaseSource.of(KIND, name);
      }
      JsonNode epoch = meta.get("epoch");
      return new DatabaseSource(
          KIND,
          name,
          CpansaEntry.text(meta, "repo"),
          CpansaEntry.text(meta, "commit"),
          CpansaEntry.text(meta, "date"),
          epoch != null && epoch.canConvertToLong() ? Instant.ofEpochSecond(epoch.asLong()) : null);
    }

    private void moduleMap() throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw shape("/module2dist", "an object of module names to distributions");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String module = p.currentName();
        if (p.nextToken() != JsonToken.VALUE_STRING) {
          throw shape("/module2dist/" + module, "a distribution name string");
        }
        module2dist.put(module, p.getText());
      }
    }

    private void dists() throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw shape("/dists", "an object of distributions");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String dist = p.currentName();
        expect(JsonToken.START_OBJECT, "/dists/" + dist, "a distribution object");
        dist(dist);
      }
    }

    private void dist(String dist) throws IOException {
      String at = "/dists/" + dist;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("versions") && t == JsonToken.START_ARRAY) {
          releases.put(dist, versions(dist, at + "/versions"));
        } else if (field.equals("advisories") && t == JsonToken.START_ARRAY) {
          advisories(dist, at + "/advisories");
        } else if (field.equals("main_module") && t == JsonToken.VALUE_STRING) {
          mainModules.put(dist, p.getText());
        } else {
          throw shape(at + "/" + field, "main_module string, versions or advisories array");
        }
      }
    }

    private ReleaseList versions(String dist, String at) throws IOException {
      List<String[]> rows = new ArrayList<>();
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String[] row = new String[3];
        String where = at + "/" + rows.size();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken t = p.nextToken();
          if (field.equals("version")) {
            row[0] = version(t, dist, where);
          } else if (field.equals("date") && t == JsonToken.VALUE_STRING) {
            row[1] = p.getText();
          } else if (field.equals("perl_release")) {
            row[2] = t == JsonToken.VALUE_NULL ? null : p.getText();
          } else {
            p.skipChildren();
          }
        }
        rows.add(row);
      }
      if (p.currentToken() != JsonToken.END_ARRAY) {
        throw shape(at, "release objects {version, date}");
      }
      return new ReleaseList(rows);
    }

    private String version(JsonToken t, String dist, String where) throws IOException {
      if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NULL) {
        return t == JsonToken.VALUE_NULL ? null : p.getText();
      }
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        findings.add(
            new LintFinding(
                LintKind.NUMERIC_RELEASE_VERSION,
                new Origin(KIND, name, where),
                dist,
                "version "
                    + p.getText()
                    + " is a JSON number; read as the text '"
                    + p.getText()
                    + "'"));
        return p.getText();
      }
      throw shape(where + "/version", "a version string");
    }

    private void advisories(String dist, String at) throws IOException {
      int i = 0;
      while (p.nextToken() == JsonToken.START_OBJECT) {
        JsonNode node = MAPPER.readTree(p);
        entries.add(CpansaEntry.read(node, dist, new Origin(KIND, name, at + "/" + i), findings));
        i++;
      }
      if (p.currentToken() != JsonToken.END_ARRAY) {
        throw shape(at, "advisory objects");
      }
    }
  }
}
