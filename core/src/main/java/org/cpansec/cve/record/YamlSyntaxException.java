package org.cpansec.cve.record;

/** The text is not YAML the reader accepts; says where and what was expected. */
public final class YamlSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient SourcePosition position;

  YamlSyntaxException(SourcePosition position, String message, Throwable cause) {
    super(message, cause);
    this.position = position;
  }

  public SourcePosition position() {
    return position;
  }
}
