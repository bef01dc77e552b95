package org.cpansec.server.mail;

/**
 * An OpenPGP operation refused or failed, with a message a person can act on (what was expected).
 * Never carries plaintext or key material.
 */
public class PgpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PgpException(String message) {
    super(message);
  }

  public PgpException(String message, Throwable cause) {
    super(message, cause);
  }
}
