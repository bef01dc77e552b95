package org.cpansec.cpan.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which distributions require which, by scope: the reverse-dependency graph of a CPAN index. Only
 * install dependencies count ({@link Requirement#isInstallDependency()}); a distribution requiring
 * its own modules is no edge. Immutable once built; safe to share between threads.
 *
 * <p>{@link #downstreamOf(String)} walks the graph breadth-first, so each dependent gets its
 * shortest depth; every distribution is visited once, so cycles end the walk rather than loop it.
 * Ties are broken by name, so the same index always gives the same paths.
 */
public final class DependencyGraph {
  private static final Comparator<Dependent> ORDER =
      Comparator.comparingInt(Dependent::depth)
          .thenComparing(Dependent::distribution, String.CASE_INSENSITIVE_ORDER)
          .thenComparing(Dependent::distribution);

  /** Distribution names; ids are positions, in name order. */
  private final String[] names;

  private final Map<String, Integer> ids;

  /** For each provider id, the edges to its dependents, by dependent id. */
  private final Edge[][] dependents;

  private final int edgeCount;

  /**
   * {@code dependent} requires {@code runtime} and/or {@code buildTest} modules of the provider.
   */
  private record Edge(int dependent, String[] runtime, String[] buildTest) {}

  private DependencyGraph(String[] names, Edge[][] dependents, int edgeCount) {
    this.names = names;
    this.dependents = dependents;
    this.edgeCount = edgeCount;
    this.ids = new HashMap<>(names.length * 2);
    for (int i = 0; i < names.length; i++) {
      ids.put(names[i], i);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether the graph knows the distribution (as a provider, a dependent or registered). */
  public boolean contains(String distribution) {
    return ids.containsKey(distribution);
  }

  /** How many distributions the graph knows. */
  public int distributions() {
    return names.length;
  }

  /** How many (provider, dependent) pairs are linked by at least one install dependency. */
  public int edges() {
    return edgeCount;
  }

  /**
   * Every distribution downstream of {@code distribution}: those that need it at runtime, and,
   * separately, those that need it only to configure, build or test (themselves or something they
   * depend on). Each sorted by depth, then name.
   */
  public Downstream downstreamOf(String distribution) {
    Integer start = ids.get(distribution);
    if (start == null) {
      return new Downstream(distribution, false, List.of(), List.of());
    }
    Dependent[] runtime = walk(start, true);
    Dependent[] any = walk(start, false);
    List<Dependent> runtimeList = new ArrayList<>();
    List<Dependent> buildTest = new ArrayList<>();
    for (int id = 0; id < names.length; id++) {
      if (runtime[id] != null) {
        runtimeList.add(runtime[id]);
      } else if (any[id] != null) {
        buildTest.add(any[id]);
      }
    }
    runtimeList.sort(ORDER);
    buildTest.sort(ORDER);
    return new Downstream(distribution, true, runtimeList, buildTest);
  }

  /**
   * Breadth-first from {@code start} along runtime edges only, or along every edge: the dependent
   * reached at each id (through the smallest-named one at the shortest depth), null where unreached
   * and for {@code start} itself.
   */
  private Dependent[] walk(int start, boolean runtimeOnly) {
    Dependent[] reached = new Dependent[names.length];
    boolean[] seen = new boolean[names.length];
    seen[start] = true;
    int[] frontier = {start};
    while (frontier.length > 0) {
      int[] next = new int[16];
      int size = 0;
      for (int p : frontier) {
        for (Edge e : dependents[p]) {
          if ((runtimeOnly && e.runtime.length == 0) || seen[e.dependent]) {
            continue;
          }
          seen[e.dependent] = true;
          boolean runtime = e.runtime.length > 0;
          Step step =
              new Step(
                  names[p],
                  names[e.dependent],
                  runtime ? Scope.RUNTIME : Scope.BUILD_TEST,
                  Arrays.asList(runtime ? e.runtime : e.buildTest));
          reached[e.dependent] = new Dependent(step, reached[p]);
          if (size == next.length) {
            next = Arrays.copyOf(next, size * 2);
          }
          next[size++] = e.dependent;
        }
      }
      frontier = Arrays.copyOf(next, size);
      Arrays.sort(frontier);
    }
    return reached;
  }

  /** Collects distributions and requirements; {@link #build()} freezes them. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final Map<Long, Pending> edges = new HashMap<>();

    private Builder() {}

    /** Registers a distribution (so that it is known even when nothing depends on it). */
    public Builder distribution(String name) {
      id(name);
      return this;
    }

    /**
     * Records that {@code dependent} states {@code requirement}, a module that {@code provider}
     * ships. Requirements that are no install dependency, and a distribution requiring its own
     * module, add no edge (both distributions are still registered).
     */
    public Builder require(String dependent, String provider, Requirement requirement) {
      Objects.requireNonNull(requirement, "requirement");
      int d = id(dependent);
      int p = id(provider);
      if (d == p || !requirement.isInstallDependency()) {
        return this;
      }
      Pending e = edges.computeIfAbsent(((long) p << 32) | d, k -> new Pending(p, d));
      (requirement.scope() == Scope.RUNTIME ? e.runtime : e.buildTest).add(requirement.module());
      return this;
    }

    public DependencyGraph build() {
      String[] sorted = names.toArray(String[]::new);
      Arrays.sort(sorted);
      int[] rank = new int[sorted.length];
      Map<String, Integer> position = new HashMap<>(sorted.length * 2);
      for (int i = 0; i < sorted.length; i++) {
        position.put(sorted[i], i);
      }
      for (int i = 0; i < rank.length; i++) {
        rank[i] = position.get(names.get(i));
      }
      List<List<Edge>> lists = new ArrayList<>(sorted.length);
      for (int i = 0; i < sorted.length; i++) {
        lists.add(new ArrayList<>());
      }
      for (Pending e : edges.values()) {
        lists
            .get(rank[e.provider])
            .add(
                new Edge(
                    rank[e.dependent],
                    e.runtime.toArray(String[]::new),
                    e.buildTest.toArray(String[]::new)));
      }
      Edge[][] dependents = new Edge[sorted.length][];
      for (int i = 0; i < sorted.length; i++) {
        List<Edge> list = lists.get(i);
        list.sort(Comparator.comparingInt(Edge::dependent));
        dependents[i] = list.toArray(Edge[]::new);
      }
      return new DependencyGraph(sorted, dependents, edges.size());
    }

    private int id(String name) {
      Objects.requireNonNull(name, "distribution name");
      Integer id = ids.get(name);
      if (id == null) {
        id = names.size();
        ids.put(name, id);
        names.add(name);
      }
      return id;
    }

    /** An edge being collected. */
    private static final class Pending {
      private final int provider;
      private final int dependent;
      private final TreeSet<String> runtime = new TreeSet<>();
      private final TreeSet<String> buildTest = new TreeSet<>();

      Pending(int provider, int dependent) {
        this.provider = provider;
        this.dependent = dependent;
      }
    }
  }
}
