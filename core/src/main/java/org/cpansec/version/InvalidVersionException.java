package org.cpansec.version;

/**
 * A string that version.pm would refuse. {@link #reason()} is version.pm's own reason, such as
 * {@code non-numeric data} or {@code multiple underscores}; the message is version.pm's full text,
 * {@code Invalid version format (non-numeric data)}, followed by the offending input.
 */
public final class InvalidVersionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String input;
  private final String reason;

  InvalidVersionException(String input, String reason) {
    super("Invalid version format (" + reason + "): '" + input + "'");
    this.input = input;
    this.reason = reason;
  }

  /** The text that was parsed. */
  public String input() {
    return input;
  }

  /** version.pm's reason, without the "Invalid version format" prefix. */
  public String reason() {
    return reason;
  }

  /** The message exactly as version.pm croaks it, without perl's " at FILE line N." suffix. */
  public String perlMessage() {
    return "Invalid version format (" + reason + ")";
  }
}
