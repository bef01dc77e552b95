package org.cpansec.manifest;

import java.util.Locale;
import java.util.Optional;

/** The CPAN::Meta::Spec prerequisite relationships. */
public enum Relationship {
  REQUIRES,
  RECOMMENDS,
  SUGGESTS,
  CONFLICTS;

  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Relationship> fromSpecName(String name) {
    for (Relationship r : values()) {
      if (r.specName().equals(name)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
