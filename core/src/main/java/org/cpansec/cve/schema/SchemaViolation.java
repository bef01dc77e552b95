package org.cpansec.cve.schema;

import java.util.Objects;

/**
 * One rule of a schema that a document breaks.
 *
 * @param pointer JSON Pointer of the offending node ({@code /cpansec/affected/0}); {@code ""} is
 *     the root
 * @param message what the schema expected, without the location
 */
public record SchemaViolation(String pointer, String message) {
  public SchemaViolation {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
  }
}
