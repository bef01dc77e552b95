package org.cpansec.advisory;

import java.util.Objects;

/**
 * One lint finding: its kind, where it is, what it is about (an advisory id or a distribution) and
 * a message saying what is wrong.
 */
public record LintFinding(LintKind kind, Origin location, String subject, String message) {
  public LintFinding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return location + ": " + kind.label() + ": " + subject + ": " + message;
  }
}
