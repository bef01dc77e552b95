package org.cpansec.server.cveservices;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A call to CVE Services that did not succeed: the API's refusal (HTTP status, its {@code error}
 * code and {@code message}, and {@code details} when it gave some), no answer at all (status 0), or
 * the client being off. The message is meant for people and never contains the API key.
 */
public class CveServicesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;
  private final String apiMessage;
  private final transient JsonNode details;

  CveServicesException(
      String message, int status, String error, String apiMessage, JsonNode details) {
    super(message);
    this.status = status;
    this.error = error;
    this.apiMessage = apiMessage;
    this.details = details;
  }

  CveServicesException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.error = null;
    this.apiMessage = null;
    this.details = null;
  }

  /** The HTTP status CVE Services answered with; 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** The API's {@code error} code ({@code UNAUTHORIZED}, {@code INVALID_JSON_SCHEMA} …), if any. */
  public String error() {
    return error;
  }

  /** The API's own {@code message}, if any. */
  public String apiMessage() {
    return apiMessage;
  }

  /** The API's {@code details} (schema errors, bad parameters), or null. */
  public JsonNode details() {
    return details;
  }

  /** Did CVE Services refuse our credentials (HTTP 401)? */
  public boolean unauthorized() {
    return status == 401;
  }
}
