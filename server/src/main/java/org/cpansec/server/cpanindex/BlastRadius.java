package org.cpansec.server.cpanindex;

import java.util.Optional;
import org.cpansec.cpan.index.DependencyGraph;
import org.cpansec.cpan.index.Downstream;
import org.springframework.stereotype.Service;

/**
 * The blast radius of a distribution (CPANSEC-PROCESS.md §2, triage): the downstream distributions
 * that depend on it, from the current CPAN index. The case page calls {@link #downstreamOf(String)}
 * to fill a case's blast-radius field; without an imported index the field is entered by hand.
 *
 * <p>The graph of the current import is built once per import and kept in memory; an import by
 * another replica is noticed at the next call (the current import id is read each time).
 */
@Service
public class BlastRadius {
  private final CpanIndexStore store;
  private final CpanIndexProperties properties;
  private final Object loading = new Object();
  private volatile Loaded loaded;

  private record Loaded(long importId, DependencyGraph graph) {}

  public BlastRadius(CpanIndexStore store, CpanIndexProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  /**
   * What the index says about a distribution's dependents.
   *
   * @param index the import answered from; empty when no index was ever imported
   * @param asked the name as given (trimmed)
   * @param resolvedFrom the module name given, when {@code asked} named a module and the index
   *     mapped it to its distribution
   * @param downstream the dependents; {@code known} false when the index does not know the name
   * @param summaryListed how many dependents {@link #summary()} lists by name
   */
  public record Result(
      Optional<ImportSummary> index,
      String asked,
      Optional<String> resolvedFrom,
      Downstream downstream,
      int summaryListed) {

    /** Whether an index was loaded at all: without one, the blast radius is entered by hand. */
    public boolean indexLoaded() {
      return index.isPresent();
    }

    /**
     * Plain text for the case's blast-radius field: which index answered (import number and time),
     * then {@link Downstream#summary(int)}.
     */
    public String summary() {
      if (index.isEmpty()) {
        return "No CPAN index has been imported: enter the blast radius by hand.";
      }
      ImportSummary i = index.get();
      StringBuilder b =
          new StringBuilder("From the CPAN index imported ")
              .append(i.importedAt().toInstant())
              .append(" (import #")
              .append(i.id())
              .append(").\n");
      resolvedFrom.ifPresent(
          m ->
              b.append(m)
                  .append(" is a module of ")
                  .append(downstream.distribution())
                  .append(".\n"));
      return b.append(downstream.summary(summaryListed)).toString();
    }
  }

  /**
   * Every distribution downstream of {@code distribution} (runtime, then build/test only; direct
   * and transitive, with depth and path). A module name is accepted too and resolved through
   * 02packages. Never throws for a bad name: a name the index does not know is answered as unknown.
   */
  public Result downstreamOf(String distribution) {
    String asked = distribution == null ? "" : distribution.strip();
    for (int attempt = 0; ; attempt++) {
      Optional<Long> current = store.currentImportId();
      if (current.isEmpty()) {
        return new Result(
            Optional.empty(),
            asked,
            Optional.empty(),
            new Downstream(asked, false, java.util.List.of(), java.util.List.of()),
            properties.summaryListed());
      }
      long id = current.get();
      DependencyGraph graph = graph(id);
      // An import committed meanwhile deleted this one's rows: answer from the new one.
      if (attempt < 3 && !store.currentImportId().equals(current)) {
        continue;
      }
      String name = asked;
      Optional<String> resolvedFrom = Optional.empty();
      if (!graph.contains(name) && name.contains("::")) {
        Optional<String> dist = store.distributionOf(id, name);
        if (dist.isPresent()) {
          resolvedFrom = Optional.of(name);
          name = dist.get();
        }
      }
      return new Result(
          store.find(id),
          asked,
          resolvedFrom,
          graph.downstreamOf(name),
          properties.summaryListed());
    }
  }

  private DependencyGraph graph(long importId) {
    Loaded l = loaded;
    if (l != null && l.importId() == importId) {
      return l.graph();
    }
    synchronized (loading) {
      l = loaded;
      if (l == null || l.importId() != importId) {
        l = new Loaded(importId, store.graph(importId));
        loaded = l;
      }
      return l.graph();
    }
  }
}
