package org.cpansec.cpan.index;

import java.util.List;
import java.util.Objects;

/**
 * One hop of a dependency path: {@code dependent} requires {@code modules} of {@code provider}, in
 * {@code scope}.
 */
public record Step(String provider, String dependent, Scope scope, List<String> modules) {
  public Step {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(dependent, "dependent");
    Objects.requireNonNull(scope, "scope");
    modules = List.copyOf(modules);
  }
}
