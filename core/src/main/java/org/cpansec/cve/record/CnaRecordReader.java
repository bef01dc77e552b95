package org.cpansec.cve.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.cpansec.cve.schema.BundledSchema;
import org.cpansec.cve.schema.SchemaViolation;
import org.cpansec.version.InvalidRangeException;

/**
 * Reads a CNA YAML record: YAML syntax, then the CNA schema, then the typed values. Every problem
 * is collected with its file, line and column; nothing is dropped or guessed.
 */
public final class CnaRecordReader {
  private CnaRecordReader() {}

  /** Reads a file as strict UTF-8. */
  public static LoadedRecord read(Path file) throws IOException, InvalidRecordException {
    byte[] bytes = Files.readAllBytes(file);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidRecordException(
          List.of(new RecordProblem(file.toString(), SourcePosition.START, "not UTF-8 text")));
    }
    return read(file.toString(), text);
  }

  public static LoadedRecord read(String file, String text) throws InvalidRecordException {
    YamlDocument doc;
    try {
      doc = YamlTreeReader.read(text.replace("\r\n", "\n"));
    } catch (YamlSyntaxException e) {
      throw new InvalidRecordException(
          List.of(new RecordProblem(file, e.position(), "YAML syntax: " + e.getMessage())));
    }
    List<RecordProblem> problems = new ArrayList<>();
    for (SchemaViolation v : BundledSchema.cnaYaml().validate(doc.root())) {
      problems.add(new RecordProblem(file, doc.positionOf(v.pointer()), where(v)));
    }
    if (!problems.isEmpty()) {
      throw new InvalidRecordException(problems);
    }
    CnaRecord record = new Mapper(file, doc, problems).record(doc.root().get("cpansec"));
    if (!problems.isEmpty()) {
      throw new InvalidRecordException(problems);
    }
    return new LoadedRecord(file, record, doc);
  }

  private static String where(SchemaViolation v) {
    String field =
        v.pointer().isEmpty() ? "(document)" : v.pointer().substring(1).replace('/', '.');
    return field + ": " + v.message();
  }

  /** Turns a schema-valid tree into the model, reporting values the schema cannot check. */
  private static final class Mapper {
    private final String file;
    private final YamlDocument doc;
    private final List<RecordProblem> problems;

    Mapper(String file, YamlDocument doc, List<RecordProblem> problems) {
      this.file = file;
      this.doc = doc;
      this.problems = problems;
    }

    CnaRecord record(JsonNode c) {
      List<AffectedRange> affected = new ArrayList<>();
      for (int i = 0; i < c.get("affected").size(); i++) {
        AffectedRange r = affected(c.get("affected").get(i).asText(), i);
        if (r != null) {
          affected.add(r);
        }
      }
      if (!problems.isEmpty()) {
        return null;
      }
      return new CnaRecord(
          CveId.of(c.get("cve").asText()),
          DistributionName.of(c.get("distribution").asText()),
          ModuleName.of(c.get("module").asText()),
          PauseId.of(c.get("author").asText()),
          Optional.ofNullable(c.get("repo")).map(JsonNode::asText).filter(s -> !s.isBlank()),
          affected,
          c.get("title").asText(),
          c.get("description").asText(),
          list(c.get("references"), Mapper::reference),
          strings(c.get("cwes")),
          strings(c.get("files")),
          strings(c.get("routines")),
          prose(c.get("solution")),
          prose(c.get("mitigation")),
          list(c.get("credits"), Mapper::credit),
          strings(c.get("impacts")),
          list(c.get("timeline"), n -> new TimelineEntry(n.get("time").asText().strip(), text(n))));
    }

    private AffectedRange affected(String text, int index) {
      try {
        return AffectedRange.parse(text);
      } catch (InvalidRangeException e) {
        String pointer = "/cpansec/affected/" + index;
        problems.add(
            new RecordProblem(
                file,
                doc.positionOf(pointer),
                "cpansec.affected." + index + ": '" + text + "': " + e.getMessage()));
        return null;
      }
    }

    private static Reference reference(JsonNode n) {
      return new Reference(
          n.get("link").asText(),
          Optional.ofNullable(n.get("name")).map(JsonNode::asText),
          strings(n.get("tags")));
    }

    private static Credit credit(JsonNode n) {
      String lang = n.has("lang") ? n.get("lang").asText() : "en";
      return new Credit(n.get("type").asText(), text(n), lang);
    }

    private static String text(JsonNode n) {
      return n.get("value").asText();
    }

    private static List<String> strings(JsonNode n) {
      return list(n, JsonNode::asText);
    }

    /** {@code solution}/{@code mitigation}: one string or a list; blank entries say nothing. */
    private static List<String> prose(JsonNode n) {
      if (n == null) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      if (n.isArray()) {
        n.forEach(e -> out.add(e.asText()));
      } else {
        out.add(n.asText());
      }
      out.removeIf(String::isBlank);
      return out;
    }

    private static <T> List<T> list(JsonNode n, Function<JsonNode, T> each) {
      List<T> out = new ArrayList<>();
      if (n != null) {
        n.forEach(e -> out.add(each.apply(e)));
      }
      return out;
    }
  }
}
