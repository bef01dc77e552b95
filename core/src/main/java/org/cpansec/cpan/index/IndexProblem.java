package org.cpansec.cpan.index;

import java.util.Objects;

/**
 * Something in an index file that could not be imported as written: where (file name or path
 * relative to the dump directory, and a 1-based line, 0 for the file as a whole) and what was
 * expected.
 *
 * @param rejected true when the whole entry (line, META file) was left out; false for a warning
 *     (the entry was imported without the part named)
 */
public record IndexProblem(String source, int line, String message, boolean rejected) {
  public IndexProblem {
    Objects.requireNonNull(source, "source");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0: " + line);
    }
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("a problem needs a message");
    }
  }

  /** {@code source:line: message}, leaving out a line of 0. */
  @Override
  public String toString() {
    return (line == 0 ? source : source + ":" + line) + ": " + message;
  }
}
