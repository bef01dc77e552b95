package org.cpansec.cve.record;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the first YAML document of a text into a {@link YamlDocument}, recording where each node
 * was written. Duplicate keys are an error, not a silent overwrite.
 */
public final class YamlTreeReader {
  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern MARK = Pattern.compile("^ in '.*', line ([0-9]+), column ([0-9]+):");

  private YamlTreeReader() {}

  public static YamlDocument read(String text) throws YamlSyntaxException {
    Map<String, SourcePosition> positions = new HashMap<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new YamlSyntaxException(SourcePosition.START, "empty document", null);
      }
      positions.put("", position(parser.currentTokenLocation()));
      JsonNode root = value(parser, "", positions);
      return new YamlDocument(root, positions);
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading YAML from a string", e);
    }
  }

  private static JsonNode value(JsonParser p, String pointer, Map<String, SourcePosition> pos)
      throws IOException, YamlSyntaxException {
    switch (p.currentToken()) {
      case START_OBJECT:
        return object(p, pointer, pos);
      case START_ARRAY:
        return array(p, pointer, pos);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        // The original spelling of every scalar, so versions keep their trailing zeros.
        return NODES.textNode(p.getText());
    }
  }

  private static ObjectNode object(JsonParser p, String pointer, Map<String, SourcePosition> pos)
      throws IOException, YamlSyntaxException {
    ObjectNode node = NODES.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      SourcePosition at = position(p.currentTokenLocation());
      if (node.has(name)) {
        throw new YamlSyntaxException(at, "duplicate key '" + name + "'", null);
      }
      String child = pointer + "/" + escape(name);
      pos.put(child, at);
      p.nextToken();
      node.set(name, value(p, child, pos));
    }
    return node;
  }

  private static ArrayNode array(JsonParser p, String pointer, Map<String, SourcePosition> pos)
      throws IOException, YamlSyntaxException {
    ArrayNode node = NODES.arrayNode();
    int i = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String child = pointer + "/" + i++;
      pos.put(child, position(p.currentTokenLocation()));
      node.add(value(p, child, pos));
    }
    return node;
  }

  /**
   * SnakeYAML's messages quote the source with caret lines and several marks; keep its words and
   * the last mark (where the problem is), so the user gets one line with file:line:column.
   */
  private static YamlSyntaxException syntaxError(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    SourcePosition where = at == null ? SourcePosition.START : position(at);
    List<String> words = new ArrayList<>();
    for (String line : e.getOriginalMessage().split("\n")) {
      Matcher m = MARK.matcher(line);
      if (m.find()) {
        where = new SourcePosition(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      } else if (!line.isBlank() && !line.strip().equals("^") && !line.startsWith("    ")) {
        words.add(line.strip());
      }
    }
    return new YamlSyntaxException(where, String.join("; ", words), e);
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static SourcePosition position(JsonLocation at) {
    return new SourcePosition(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
  }
}
