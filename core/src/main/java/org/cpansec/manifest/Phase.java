package org.cpansec.manifest;

import java.util.Locale;
import java.util.Optional;

/** The CPAN::Meta::Spec prerequisite phases. */
public enum Phase {
  CONFIGURE,
  BUILD,
  TEST,
  RUNTIME,
  DEVELOP;

  /** The spec's lower-case name. */
  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The phase for a spec name ({@code runtime}, {@code test} ...), empty when there is none. */
  public static Optional<Phase> fromSpecName(String name) {
    for (Phase p : values()) {
      if (p.specName().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
