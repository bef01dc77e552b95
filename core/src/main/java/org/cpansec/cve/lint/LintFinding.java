package org.cpansec.cve.lint;

import java.util.Objects;
import org.cpansec.cve.record.SourcePosition;

/** One lint finding: its rule id, severity, message, and where in which file. */
public record LintFinding(
    Severity severity, String rule, String message, String file, SourcePosition position) {
  public LintFinding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(position, "position");
  }

  public boolean blocks(boolean strict) {
    return severity == Severity.ERROR || (strict && severity == Severity.WARNING);
  }

  @Override
  public String toString() {
    return file + ":" + position + ": " + severity.label() + " [" + rule + "] " + message;
  }
}
