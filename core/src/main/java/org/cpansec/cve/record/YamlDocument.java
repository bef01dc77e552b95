package org.cpansec.cve.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * A YAML document as a JSON tree, with the source position of every node, keyed by JSON Pointer.
 * Scalars are all strings, as in the Perl tool's YAML reader: {@code 1.50} stays "1.50".
 */
public final class YamlDocument {
  private final JsonNode root;
  private final Map<String, SourcePosition> positions;

  YamlDocument(JsonNode root, Map<String, SourcePosition> positions) {
    this.root = Objects.requireNonNull(root, "root");
    this.positions = Map.copyOf(positions);
  }

  public JsonNode root() {
    return root;
  }

  /**
   * Where the node at the pointer was written (the key's position for an object member); for a node
   * that does not exist, the position of its nearest existing ancestor.
   */
  public SourcePosition positionOf(String pointer) {
    String p = pointer;
    while (true) {
      SourcePosition found = positions.get(p);
      if (found != null) {
        return found;
      }
      int slash = p.lastIndexOf('/');
      if (slash < 0) {
        return SourcePosition.START;
      }
      p = p.substring(0, slash);
    }
  }
}
