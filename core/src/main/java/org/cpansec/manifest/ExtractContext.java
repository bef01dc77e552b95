package org.cpansec.manifest;

import java.util.Objects;
import org.cpansec.version.PerlVersion;

/**
 * Settings every extraction gets: the size cap on input, and the perl and OS a cpanfile's {@code
 * $]} and {@code $^O} conditions are evaluated for.
 *
 * @param targetPerl the value of {@code $]}
 * @param targetOs the value of {@code $^O}, e.g. {@code linux} or {@code MSWin32}
 * @param maxBytes files larger than this are refused, not read
 */
public record ExtractContext(PerlVersion targetPerl, String targetOs, long maxBytes) {
  /** 10 MiB: larger than any real manifest, small enough to refuse a mistaken binary. */
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

  public ExtractContext {
    Objects.requireNonNull(targetPerl, "targetPerl");
    if (targetOs == null || targetOs.isBlank()) {
      throw new IllegalArgumentException("target OS is empty");
    }
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
  }

  /** perl 5.36.0 on linux (the project's reference perl), with the default cap. */
  public static ExtractContext defaults() {
    return new ExtractContext(PerlVersion.parse("5.036000"), "linux", DEFAULT_MAX_BYTES);
  }

  public ExtractContext withTarget(PerlVersion perl, String os) {
    return new ExtractContext(perl, os, maxBytes);
  }

  public ExtractContext withMaxBytes(long bytes) {
    return new ExtractContext(targetPerl, targetOs, bytes);
  }
}
