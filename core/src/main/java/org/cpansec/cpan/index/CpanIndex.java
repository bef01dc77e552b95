package org.cpansec.cpan.index;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cpansec.audit.PackagesIndex;
import org.cpansec.manifest.Problem;

/**
 * A CPAN index with dependency data: {@code 02packages.details.txt} (which distribution ships each
 * module) joined with a {@link DependencyDump} (what each release requires), and every problem met
 * reading them. The input of a blast-radius import; {@link #graph()} answers the questions.
 */
public final class CpanIndex {
  private final Map<String, String> modules;
  private final List<Release> releases;
  private final int packagesRejected;
  private final int dumpRejected;
  private final int warningCount;
  private final List<IndexProblem> rejected;
  private final List<IndexProblem> warnings;
  private final int requirements;
  private final int unresolvedModules;

  private CpanIndex(PackagesIndex packages, String packagesSource, DependencyDump dump) {
    Map<String, String> map = new HashMap<>(packages.modules().size() * 2);
    List<IndexProblem> rejectedHere = new ArrayList<>();
    int tooLong = 0;
    for (Map.Entry<String, String> e : packages.modules().entrySet()) {
      if (e.getKey().length() > DependencyDump.MAX_TEXT
          || e.getValue().length() > DependencyDump.MAX_TEXT) {
        tooLong++;
        if (rejectedHere.size() < DependencyDump.MAX_PROBLEMS_KEPT) {
          rejectedHere.add(
              new IndexProblem(
                  packagesSource,
                  0,
                  "module or distribution name longer than "
                      + DependencyDump.MAX_TEXT
                      + " characters: '"
                      + e.getKey().substring(0, Math.min(40, e.getKey().length()))
                      + "...'",
                  true));
        }
        continue;
      }
      map.put(e.getKey(), e.getValue());
    }
    this.modules = Collections.unmodifiableMap(map);
    this.releases = dump.releases();
    this.packagesRejected = packages.unreadableLines() + tooLong;
    this.dumpRejected = dump.rejectedCount();

    List<IndexProblem> all = new ArrayList<>();
    for (Problem p : packages.problems()) {
      all.add(new IndexProblem(packagesSource, p.location().line(), p.message(), true));
    }
    all.addAll(rejectedHere);
    all.addAll(dump.rejected());
    this.rejected = List.copyOf(all);

    List<IndexProblem> warned = new ArrayList<>();
    Optional<Problem> header = packages.headerProblem();
    header.ifPresent(
        p -> warned.add(new IndexProblem(packagesSource, p.location().line(), p.message(), false)));
    warned.addAll(dump.warnings());
    this.warnings = List.copyOf(warned);
    this.warningCount = dump.warningCount() + (header.isPresent() ? 1 : 0);

    int count = 0;
    Set<String> unresolved = new HashSet<>();
    for (Release r : releases) {
      count += r.requirements().size();
      for (Requirement q : r.requirements()) {
        if (q.isInstallDependency() && !modules.containsKey(q.module())) {
          unresolved.add(q.module());
        }
      }
    }
    this.requirements = count;
    this.unresolvedModules = unresolved.size();
  }

  /**
   * Joins a read packages index and dump.
   *
   * @param packagesSource how problems in the packages index name it (usually its file name)
   */
  public static CpanIndex of(PackagesIndex packages, String packagesSource, DependencyDump dump) {
    return new CpanIndex(packages, packagesSource, dump);
  }

  /**
   * Reads {@code 02packages.details.txt[.gz]} and a dump (JSON Lines file or META directory).
   *
   * @throws java.io.UncheckedIOException when either cannot be read at all
   */
  public static CpanIndex read(Path packages, Path dump) {
    Path name = packages.getFileName();
    return of(
        PackagesIndex.read(packages),
        name == null ? packages.toString() : name.toString(),
        DependencyDump.read(dump));
  }

  /** Module to distribution, from 02packages (unmodifiable). */
  public Map<String, String> modules() {
    return modules;
  }

  /** Distinct distributions that ship at least one module. */
  public int providingDistributions() {
    return new HashSet<>(modules.values()).size();
  }

  /** The releases of the dump, one per distribution, by name. */
  public List<Release> releases() {
    return releases;
  }

  /** All requirements of all releases (every phase and relationship). */
  public int requirements() {
    return requirements;
  }

  /** Distinct modules required (as install dependencies) that no 02packages line provides. */
  public int unresolvedModules() {
    return unresolvedModules;
  }

  /** Lines of 02packages left out (exact). */
  public int packagesRejected() {
    return packagesRejected;
  }

  /** Lines or META files of the dump left out (exact). */
  public int dumpRejected() {
    return dumpRejected;
  }

  /** Warnings (exact). */
  public int warningCount() {
    return warningCount;
  }

  /** Rejections kept with their message: 02packages first, then the dump, each in file order. */
  public List<IndexProblem> rejected() {
    return rejected;
  }

  /** Warnings kept with their message. */
  public List<IndexProblem> warnings() {
    return warnings;
  }

  /** The reverse-dependency graph of this index. */
  public DependencyGraph graph() {
    DependencyGraph.Builder b = DependencyGraph.builder();
    modules.values().forEach(b::distribution);
    for (Release r : releases) {
      b.distribution(r.distribution());
      for (Requirement q : r.requirements()) {
        String provider = modules.get(q.module());
        if (provider != null) {
          b.require(r.distribution(), provider, q);
        }
      }
    }
    return b.build();
  }
}
