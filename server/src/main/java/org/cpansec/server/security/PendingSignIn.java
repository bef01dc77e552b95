package org.cpansec.server.security;

import java.io.Serializable;
import java.time.Instant;

/**
 * The half-way state between the password and the code, kept in the session: whose password was
 * accepted, and when. It grants nothing: the workspace sees no member until the code is accepted.
 */
public record PendingSignIn(long memberId, String username, Instant passwordAcceptedAt)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The session attribute holding it. */
  public static final String ATTRIBUTE = PendingSignIn.class.getName();
}
