package org.cpansec.manifest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where something was read: a file, a 1-based line and a 1-based column. Line 0 means the file as a
 * whole (e.g. a JSON document whose parser gives no position); column 0 means the whole line.
 */
public record SourceLocation(Path file, int line, int column) {
  public SourceLocation {
    Objects.requireNonNull(file, "file");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must be >= 0: " + line + ":" + column);
    }
  }

  public static SourceLocation of(Path file, int line, int column) {
    return new SourceLocation(file, line, column);
  }

  public static SourceLocation wholeFile(Path file) {
    return new SourceLocation(file, 0, 0);
  }

  /** {@code file:line:column}, leaving out the parts that are 0. */
  @Override
  public String toString() {
    if (line == 0) {
      return file.toString();
    }
    return column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
  }
}
