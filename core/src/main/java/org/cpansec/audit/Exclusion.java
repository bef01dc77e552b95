package org.cpansec.audit;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One advisory the project has decided to ignore, with the reason it gave and, optionally, the day
 * the decision runs out.
 *
 * @param id advisory id or alias (CVE) to ignore
 * @param reason why; required in an ignore file, "excluded on the command line" otherwise
 * @param expires the last day the exclusion holds; after it, the advisory counts again
 * @param where the file and line it was written at, or the option that gave it
 */
public record Exclusion(String id, String reason, Optional<LocalDate> expires, String where) {

  public Exclusion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(where, "where");
  }

  public boolean isExpired(LocalDate today) {
    return expires.isPresent() && today.isAfter(expires.get());
  }
}
