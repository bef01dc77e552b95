package org.cpansec.cpan.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A distribution downstream of another: how far (1 = it requires a module of it directly) and one
 * shortest path that shows why.
 *
 * @param steps from the distribution asked about to this one, {@code depth} hops
 */
public record Dependent(String distribution, int depth, List<Step> steps) {
  public Dependent {
    Objects.requireNonNull(distribution, "distribution");
    steps = List.copyOf(steps);
    if (depth < 1 || steps.size() != depth) {
      throw new IllegalArgumentException(
          "a dependent at depth " + depth + " has " + steps.size() + " steps");
    }
  }

  public boolean direct() {
    return depth == 1;
  }

  /** The distributions on the path, from the one asked about to this one. */
  public List<String> path() {
    List<String> path = new ArrayList<>(steps.size() + 1);
    path.add(steps.get(0).provider());
    steps.forEach(s -> path.add(s.dependent()));
    return path;
  }

  /**
   * One line for people: {@code Plack (direct: HTTP::Message)} or {@code Foo (depth 2: HTTP-Message
   * → libwww-perl → Foo)}, a hop needed only to build or test marked {@code (build/test)} after its
   * dependent.
   */
  public String describe() {
    if (direct()) {
      Step s = steps.get(0);
      return distribution
          + " (direct"
          + (s.scope() == Scope.BUILD_TEST ? ", build/test" : "")
          + ": "
          + String.join(", ", s.modules())
          + ")";
    }
    StringBuilder b = new StringBuilder(distribution).append(" (depth ").append(depth).append(": ");
    b.append(steps.get(0).provider());
    for (Step s : steps) {
      b.append(" → ").append(s.dependent());
      if (s.scope() == Scope.BUILD_TEST) {
        b.append(" (build/test)");
      }
    }
    return b.append(')').toString();
  }
}
