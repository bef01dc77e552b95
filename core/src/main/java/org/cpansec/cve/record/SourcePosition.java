package org.cpansec.cve.record;

/** A place in a source file, both counted from 1. */
public record SourcePosition(int line, int column) {
  public static final SourcePosition START = new SourcePosition(1, 1);

  public SourcePosition {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column count from 1: " + line + ":" + column);
    }
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
