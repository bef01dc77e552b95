package org.cpansec.server.publication;

/**
 * A publication action refused, with a message for the member that says why and what to do instead.
 * Only thrown once the member is known to see the case.
 */
public class PublicationRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  PublicationRefused(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status of the refusal: 403 (role), 409 (state), 422 (input). */
  public int status() {
    return status;
  }

  static PublicationRefused notAllowed(String message) {
    return new PublicationRefused(403, message);
  }

  static PublicationRefused conflict(String message) {
    return new PublicationRefused(409, message);
  }

  static PublicationRefused invalid(String message) {
    return new PublicationRefused(422, message);
  }
}
