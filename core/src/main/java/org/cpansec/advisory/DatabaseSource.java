package org.cpansec.advisory;

import java.time.Instant;
import java.util.Optional;

/**
 * What a batch of advisories was read from: a kind ({@code cpansa-json}, {@code cve-json5}, …), the
 * file or resource, the upstream repository and commit, and when upstream generated the data.
 */
public record DatabaseSource(
    String kind, String file, String repository, String commit, String date, Instant generated) {

  public DatabaseSource {
    java.util.Objects.requireNonNull(kind, "kind");
    java.util.Objects.requireNonNull(file, "file");
  }

  public static DatabaseSource of(String kind, String file) {
    return new DatabaseSource(kind, file, null, null, null, null);
  }

  /** When upstream generated the data, when it says so. */
  public Optional<Instant> generatedAt() {
    return Optional.ofNullable(generated);
  }
}
