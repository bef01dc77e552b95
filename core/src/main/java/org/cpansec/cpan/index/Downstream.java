package org.cpansec.cpan.index;

import java.util.List;
import java.util.Objects;

/**
 * The blast radius of one distribution: every distribution that depends on it, directly or through
 * others, in two disjoint lists.
 *
 * @param known whether the index knows the distribution at all (a provider in 02packages or a
 *     release in the dump); when false both lists are empty and mean "unknown", not "none"
 * @param runtime reached through runtime requirements only: they load it when they run
 * @param buildTest the others, reached only through at least one configure/build/test requirement:
 *     installing them needs it, running them does not
 */
public record Downstream(
    String distribution, boolean known, List<Dependent> runtime, List<Dependent> buildTest) {
  public Downstream {
    Objects.requireNonNull(distribution, "distribution");
    runtime = List.copyOf(runtime);
    buildTest = List.copyOf(buildTest);
  }

  /** Runtime dependents at depth 1. */
  public long directRuntime() {
    return runtime.stream().filter(Dependent::direct).count();
  }

  /** Every dependent, runtime first. */
  public int total() {
    return runtime.size() + buildTest.size();
  }

  /**
   * A plain-text summary for a case's blast-radius field: the counts, then each dependent on a line
   * of its own ({@link Dependent#describe()}), at most {@code maxListed} of them (runtime first),
   * then how many were left out of the list.
   */
  public String summary(int maxListed) {
    if (!known) {
      return distribution + " is not in the CPAN index.";
    }
    if (total() == 0) {
      return "No distribution in the CPAN index depends on " + distribution + ".";
    }
    StringBuilder b =
        new StringBuilder("Downstream of ")
            .append(distribution)
            .append(": ")
            .append(runtime.size())
            .append(runtime.size() == 1 ? " distribution needs" : " distributions need")
            .append(" it at runtime (")
            .append(directRuntime())
            .append(" directly), ")
            .append(buildTest.size())
            .append(buildTest.size() == 1 ? " more needs" : " more need")
            .append(" it only to build or test.\n");
    int listed = 0;
    listed = list(b, "Runtime:", runtime, listed, maxListed);
    listed = list(b, "Build/test only:", buildTest, listed, maxListed);
    if (listed < total()) {
      b.append("... and ").append(total() - listed).append(" more not listed.\n");
    }
    return b.toString();
  }

  private static int list(
      StringBuilder b, String heading, List<Dependent> dependents, int listed, int max) {
    if (dependents.isEmpty() || listed >= max) {
      return listed;
    }
    b.append(heading).append('\n');
    for (Dependent d : dependents) {
      if (listed >= max) {
        break;
      }
      b.append("- ").append(d.describe()).append('\n');
      listed++;
    }
    return listed;
  }
}
