package org.cpansec.server.cpanindex;

/**
 * An import that did not happen, with a reason for people (what was wrong, what was expected); the
 * current index is unchanged.
 */
public final class ImportRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ImportRefusedException(String reason) {
    super(reason);
  }

  public ImportRefusedException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
