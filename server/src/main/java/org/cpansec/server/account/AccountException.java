package org.cpansec.server.account;

/** An account action refused, with a message for the person who asked (no internals). */
public class AccountException extends RuntimeException {
  public AccountException(String message) {
    super(message);
  }
}
