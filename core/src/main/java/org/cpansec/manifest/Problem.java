package org.cpansec.manifest;

import java.util.Objects;

/**
 * Something in a manifest that could not be read as written: where it is, and a message that says
 * what was found and what was expected. Problems never stop the rest of the file from being read.
 */
public record Problem(SourceLocation location, String message) {
  public Problem {
    Objects.requireNonNull(location, "location");
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("a problem needs a message");
    }
  }

  @Override
  public String toString() {
    return location + ": " + message;
  }
}
