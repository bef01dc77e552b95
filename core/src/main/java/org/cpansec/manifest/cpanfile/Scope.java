package org.cpansec.manifest.cpanfile;

import java.util.Optional;
import org.cpansec.manifest.Phase;

/**
 * Where a statement sits: its phase, its feature, and whether the conditions around it hold for the
 * target (active), do not hold (inactive: its requirements do not apply), or could not be evaluated
 * (its requirements become unknown with that reason).
 */
record Scope(Phase phase, Optional<String> feature, boolean active, Optional<String> unknown) {

  static Scope top() {
    return new Scope(Phase.RUNTIME, Optional.empty(), true, Optional.empty());
  }

  Scope inPhase(Phase p) {
    return new Scope(p, feature, active, unknown);
  }

  Scope inFeature(String name) {
    return new Scope(phase, Optional.of(name), active, unknown);
  }

  Scope inactive() {
    return new Scope(phase, feature, false, unknown);
  }

  Scope unknownBecause(String reason) {
    return new Scope(phase, feature, active, Optional.of(unknown.orElse(reason)));
  }

  /** The scope under a condition: known true keeps it, known false disables, unknown marks. */
  Scope under(Value condition) {
    if (condition instanceof Value.Known k) {
      return k.truthy() ? this : inactive();
    }
    return unknownBecause(reasonOf(condition));
  }

  static String reasonOf(Value v) {
    return v instanceof Value.Unknown u ? u.reason() : "a list is not a condition";
  }
}
