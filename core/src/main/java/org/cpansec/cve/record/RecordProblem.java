package org.cpansec.cve.record;

import java.util.Objects;

/** Something wrong with a record file, and where: {@code cves/CVE-….yaml:12:5: message}. */
public record RecordProblem(String file, SourcePosition position, String message) {
  public RecordProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return file + ":" + position + ": " + message;
  }
}
