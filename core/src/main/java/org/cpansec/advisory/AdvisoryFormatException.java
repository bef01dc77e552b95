package org.cpansec.advisory;

/**
 * A source that is not of the shape its reader expects: says which file, where, and what was
 * expected. Oddities inside a well-shaped source are lint findings, not this.
 */
public final class AdvisoryFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String location;

  public AdvisoryFormatException(String file, String location, String message, Throwable cause) {
    super(file + (location.isEmpty() ? "" : ":" + location) + ": " + message, cause);
    this.file = file;
    this.location = location;
  }

  public String file() {
    return file;
  }

  public String location() {
    return location;
  }
}
