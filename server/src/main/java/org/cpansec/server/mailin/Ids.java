package org.cpansec.server.mailin;

import org.springframework.jdbc.support.GeneratedKeyHolder;

/** The id an INSERT generated, on H2 (the identity column only) and PostgreSQL (every column). */
final class Ids {
  private Ids() {}

  static long generated(GeneratedKeyHolder keys) {
    for (var row : keys.getKeyList()) {
      for (var e : row.entrySet()) {
        if (e.getKey().equalsIgnoreCase("id")) {
          return ((Number) e.getValue()).longValue();
        }
      }
    }
    throw new IllegalStateException("the database returned no generated id");
  }
}
