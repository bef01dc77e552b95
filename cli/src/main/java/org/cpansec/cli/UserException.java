package org.cpansec.cli;

/**
 * A failure the user can act on: printed as one message (no stack trace). Exit code {@link
 * ExitCode#ERROR}, or {@link ExitCode#INPUT} when made by {@link #unreadable}.
 */
public final class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public UserException(String message) {
    this(message, null, ExitCode.ERROR);
  }

  public UserException(String message, Throwable cause) {
    this(message, cause, ExitCode.ERROR);
  }

  private UserException(String message, Throwable cause, int exitCode) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** An input that could not be read: exit code {@link ExitCode#INPUT}. */
  public static UserException unreadable(String message, Throwable cause) {
    return new UserException(message, cause, ExitCode.INPUT);
  }

  public int exitCode() {
    return exitCode;
  }
}
