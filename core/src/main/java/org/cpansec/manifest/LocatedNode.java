package org.cpansec.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON or YAML value (read with a Jackson streaming parser) with the line and column it was read
 * at. Jackson's own tree drops positions, and problems in META files must point at a line.
 *
 * @param value a {@code Map<String, LocatedNode>}, a {@code List<LocatedNode>}, a scalar's text, or
 *     null
 */
public record LocatedNode(Object value, int line, int column) {

  public static LocatedNode read(JsonParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      return new LocatedNode(null, 1, 1);
    }
    return readValue(parser, token);
  }

  private static LocatedNode readValue(JsonParser p, JsonToken token) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    int line = Math.max(at.getLineNr(), 0);
    int column = Math.max(at.getColumnNr(), 0);
    return switch (token) {
      case START_OBJECT -> {
        Map<String, LocatedNode> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          map.put(name, readValue(p, p.nextToken()));
        }
        yield new LocatedNode(map, line, column);
      }
      case START_ARRAY -> {
        List<LocatedNode> list = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
          list.add(readValue(p, t));
        }
        yield new LocatedNode(list, line, column);
      }
      case VALUE_NULL -> new LocatedNode(null, line, column);
      default -> new LocatedNode(p.getText(), line, column);
    };
  }

  @SuppressWarnings("unchecked")
  public Map<String, LocatedNode> map() {
    return value instanceof Map ? (Map<String, LocatedNode>) value : Map.of();
  }

  @SuppressWarnings("unchecked")
  public List<LocatedNode> list() {
    return value instanceof List ? (List<LocatedNode>) value : List.of();
  }

  public boolean isMap() {
    return value instanceof Map;
  }

  public Optional<String> text() {
    return value instanceof String s ? Optional.of(s) : Optional.empty();
  }

  public Optional<LocatedNode> get(String key) {
    return Optional.ofNullable(map().get(key));
  }

  public Optional<String> textAt(String key) {
    return get(key).flatMap(LocatedNode::text);
  }

  /** A string or a list of strings (META 1.4 allows either for author and license). */
  public List<String> texts() {
    if (value instanceof String s) {
      return List.of(s);
    }
    return list().stream().flatMap(n -> n.text().stream()).toList();
  }
}
