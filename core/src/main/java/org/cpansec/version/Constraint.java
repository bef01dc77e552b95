package org.cpansec.version;

import java.util.Objects;

/** One comparison of a range: {@code >= 1.2}. */
public record Constraint(Operator op, PerlVersion version) {

  public Constraint {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(version, "version");
  }

  public boolean test(PerlVersion candidate) {
    return op.test(candidate.compareTo(version));
  }

  @Override
  public String toString() {
    return op.symbol() + version;
  }
}
