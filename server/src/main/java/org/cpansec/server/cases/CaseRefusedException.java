package org.cpansec.server.cases;

/**
 * An action on a case the viewer may see, refused, with a message for the person saying why (and
 * what is allowed instead). Only ever thrown once the viewer is known to see the case.
 */
public class CaseRefusedException extends RuntimeException {
  /** Why, as an HTTP status. */
  public enum Kind {
    /** The viewer's role does not allow it (403). */
    NOT_ALLOWED(403),
    /** The case's state does not allow it, or it changed meanwhile (409). */
    CONFLICT(409),
    /** The input is not what was expected (422). */
    INVALID(422);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final Kind kind;

  public CaseRefusedException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  static CaseRefusedException notAllowed(String message) {
    return new CaseRefusedException(Kind.NOT_ALLOWED, message);
  }

  static CaseRefusedException conflict(String message) {
    return new CaseRefusedException(Kind.CONFLICT, message);
  }

  static CaseRefusedException invalid(String message) {
    return new CaseRefusedException(Kind.INVALID, message);
  }
}
