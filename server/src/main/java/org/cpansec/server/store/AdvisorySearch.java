package org.cpansec.server.store;

import java.util.Optional;
import org.cpansec.advisory.Severity;

/**
 * Filters of the advisory list, each optional: free text (id, alias, distribution, title,
 * description), distribution, severity, year and CVE id prefix; with paging.
 */
public record AdvisorySearch(
    Optional<String> text,
    Optional<String> distribution,
    Optional<Severity.Level> severity,
    Optional<Integer> year,
    Optional<String> cve,
    int limit,
    int offset) {
  public static final int MAX_LIMIT = 200;

  public AdvisorySearch {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
  }

  /** No filter: the newest advisories. */
  public static AdvisorySearch latest(int limit) {
    return new AdvisorySearch(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        limit,
        0);
  }
}
