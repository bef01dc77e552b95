package org.cpansec.cli;

/**
 * A failure the user can act on: printed as one message (no stack trace), exit code {@link
 * ExitCode#ERROR}.
 */
public final class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
