package org.cpansec.cve.record;

import java.util.Objects;

/** A record read from a file, with the document it came from (for positions of findings). */
public record LoadedRecord(String file, CnaRecord record, YamlDocument document) {
  public LoadedRecord {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(document, "document");
  }

  /** Where the node at the JSON Pointer (below {@code /cpansec}) was written. */
  public SourcePosition positionOf(String field) {
    return document.positionOf("/cpansec" + (field.isEmpty() ? "" : "/" + field));
  }
}
