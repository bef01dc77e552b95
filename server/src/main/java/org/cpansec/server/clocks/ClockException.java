package org.cpansec.server.clocks;

/**
 * A clock change that is refused, with a message for the member that says what was expected or why
 * not. Never carries data the member could not already see.
 */
public class ClockException extends RuntimeException {
  public ClockException(String message) {
    super(message);
  }
}
