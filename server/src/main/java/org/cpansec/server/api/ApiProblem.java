package org.cpansec.server.api;

import org.springframework.http.HttpStatus;

/**
 * The fixed list of errors the JSON API answers with, as RFC 9457 problem details. The slug is the
 * last segment of the problem's {@code type} URI and is documented in docs/api.md and the OpenAPI
 * document; adding one is an API change.
 */
public enum ApiProblem {
  MALFORMED_JSON(HttpStatus.BAD_REQUEST, "Malformed JSON"),
  INVALID_QUERY(HttpStatus.BAD_REQUEST, "Invalid query"),
  UNKNOWN_ECOSYSTEM(HttpStatus.BAD_REQUEST, "Unknown ecosystem"),
  INVALID_PURL(HttpStatus.BAD_REQUEST, "Invalid package URL"),
  INVALID_VERSION(HttpStatus.BAD_REQUEST, "Invalid Perl version"),
  TOO_MANY_QUERIES(HttpStatus.BAD_REQUEST, "Too many queries"),
  NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
  BODY_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large"),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

  private final HttpStatus status;
  private final String title;

  ApiProblem(HttpStatus status, String title) {
    this.status = status;
    this.title = title;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The type URI's last segment: {@code malformed-json}. */
  public String slug() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
