package org.cpansec.version;

/**
 * A version range that cannot be read. Says which syntax was expected, where in the text the
 * problem starts (a 1-based column) and what was wrong; when a version inside the range was the
 * problem, the {@link InvalidVersionException} is the cause.
 */
public final class InvalidRangeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String input;
  private final int column;
  private final String reason;

  InvalidRangeException(String input, int column, String reason, Throwable cause) {
    super("invalid version range '" + input + "' at column " + column + ": " + reason, cause);
    this.input = input;
    this.column = column;
    this.reason = reason;
  }

  public String input() {
    return input;
  }

  /** 1-based column in {@link #input()} where the offending part starts. */
  public int column() {
    return column;
  }

  public String reason() {
    return reason;
  }
}
