package org.cpansec.server.cveid;

import java.util.List;

/**
 * What an import did.
 *
 * @param added the IDs now in the pool (AVAILABLE), in input order
 * @param alreadyInPool IDs skipped because the pool already holds them (in whatever state)
 * @param repeated IDs that appeared more than once in the input (imported once)
 */
public record ImportResult(List<String> added, List<String> alreadyInPool, List<String> repeated) {
  public ImportResult {
    added = List.copyOf(added);
    alreadyInPool = List.copyOf(alreadyInPool);
    repeated = List.copyOf(repeated);
  }

  /** One line for the page: how many were added and which were duplicates. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    s.append(added.size())
        .append(added.size() == 1 ? " ID added to the pool." : " IDs added to the pool.");
    if (!alreadyInPool.isEmpty()) {
      s.append(" Already in the pool, skipped: ")
          .append(String.join(", ", alreadyInPool))
          .append('.');
    }
    if (!repeated.isEmpty()) {
      s.append(" Listed more than once, imported once: ")
          .append(String.join(", ", repeated))
          .append('.');
    }
    return s.toString();
  }
}
