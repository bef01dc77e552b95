package org.cpansec.manifest.meta;

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
 * A JSON/YAML value with the line and column it was read at. Jackson's own tree drops positions,
 * and problems in META files must point at a line.
 *
 * @param value a {@code Map<String, Node>}, a {@code List<Node>}, a scalar's text, or null
 */
record Node(Object value, int line, int column) {

  static Node read(JsonParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      return new Node(null, 1, 1);
    }
    return readValue(parser, token);
  }

  private static Node readValue(JsonParser p, JsonToken token) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    int line = Math.max(at.getLineNr(), 0);
    int column = Math.max(at.getColumnNr(), 0);
    return switch (token) {
      case START_OBJECT -> {
        Map<String, Node> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          map.put(name, readValue(p, p.nextToken()));
        }
        yield new Node(map, line, column);
      }
      case START_ARRAY -> {
        List<Node> list = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
          list.add(readValue(p, t));
        }
        yield new Node(list, line, column);
      }
      case VALUE_NULL -> new Node(null, line, column);
      default -> new Node(p.getText(), line, column);
    };
  }

  @SuppressWarnings("unchecked")
  Map<String, Node> map() {
    return value instanceof Map ? (Map<String, Node>) value : Map.of();
  }

  @SuppressWarnings("unchecked")
  List<Node> list() {
    return value instanceof List ? (List<Node>) value : List.of();
  }

  boolean isMap() {
    return value instanceof Map;
  }

  Optional<String> text() {
    return value instanceof String s ? Optional.of(s) : Optional.empty();
  }

  Optional<Node> get(String key) {
    return Optional.ofNullable(map().get(key));
  }

  Optional<String> textAt(String key) {
    return get(key).flatMap(Node::text);
  }

  /** A string or a list of strings (META 1.4 allows either for author and license). */
  List<String> texts() {
    if (value instanceof String s) {
      return List.of(s);
    }
    return list().stream().flatMap(n -> n.text().stream()).toList();
  }
}
