package org.cpansec.cpan.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A distribution downstream of another: how far (1 = it requires a module of it directly) and one
 * shortest path that shows why. Dependents on one path share it: each holds its last hop and the
 * dependent before it, so a deep chain costs memory linear in its length.
 */
public final class Dependent {
  private final String distribution;
  private final int depth;
  private final Step step;
  private final Dependent via;

  /**
   * @param step the last hop, into this distribution
   * @param via the dependent this one is reached through; null for a direct dependent
   */
  public Dependent(Step step, Dependent via) {
    this.step = Objects.requireNonNull(step, "step");
    this.via = via;
    this.distribution = step.dependent();
    this.depth = via == null ? 1 : via.depth + 1;
    if (via != null && !via.distribution.equals(step.provider())) {
      throw new IllegalArgumentException(
          "the hop " + step.provider() + " → " + distribution + " does not start at " + via);
    }
  }

  public String distribution() {
    return distribution;
  }

  public int depth() {
    return depth;
  }

  public boolean direct() {
    return depth == 1;
  }

  /** The last hop, into this distribution. */
  public Step lastStep() {
    return step;
  }

  /** The hops from the distribution asked about to this one ({@link #depth()} of them). */
  public List<Step> steps() {
    List<Step> steps = new ArrayList<>(depth);
    for (Dependent d = this; d != null; d = d.via) {
      steps.add(d.step);
    }
    Collections.reverse(steps);
    return steps;
  }

  /** The distributions on the path, from the one asked about to this one. */
  public List<String> path() {
    List<Step> steps = steps();
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
      return distribution
          + " (direct"
          + (step.scope() == Scope.BUILD_TEST ? ", build/test" : "")
          + ": "
          + String.join(", ", step.modules())
          + ")";
    }
    List<Step> steps = steps();
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

  @Override
  public String toString() {
    return describe();
  }
}
