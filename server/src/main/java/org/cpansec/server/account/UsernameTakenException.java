package org.cpansec.server.account;

/** An account with this username exists already. */
public class UsernameTakenException extends AccountException {
  public UsernameTakenException(String username) {
    super("The username " + username + " is taken already.");
  }
}
