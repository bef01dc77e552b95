package org.cpansec.manifest;

import java.nio.file.Path;

/**
 * A manifest that cannot be read at all (missing, unreadable, too large, binary, not the format its
 * name says): the whole file is lost, so the caller must stop and report it, never skip it.
 */
public final class UnreadableManifestException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  public UnreadableManifestException(Path file, String reason, Throwable cause) {
    super(file + ": " + reason, cause);
    this.file = file;
  }

  public UnreadableManifestException(Path file, String reason) {
    this(file, reason, null);
  }

  public Path file() {
    return file;
  }
}
