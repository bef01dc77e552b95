package org.cpansec.sbom;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What makes one SBOM document unique: its serial number and creation time. A reproducible stamp
 * derives the serial from the document's content and fixes the time, so the same project gives the
 * same bytes (for diffs and golden files).
 */
public record SbomStamp(UUID serial, Instant created) {

  /** The fixed time of reproducible documents. */
  public static final Instant REPRODUCIBLE_TIME = Instant.parse("1970-01-01T00:00:00Z");

  public SbomStamp {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(created, "created");
  }

  /** A fresh stamp: a random serial and the current second. */
  public static SbomStamp now() {
    return new SbomStamp(
        UUID.randomUUID(), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  /** A stamp that depends only on {@code content} (a name-based UUID) and the fixed time. */
  public static SbomStamp reproducible(String content) {
    return new SbomStamp(
        UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8)), REPRODUCIBLE_TIME);
  }
}
