package org.cpansec.server.cpanindex;

import java.time.OffsetDateTime;
import java.util.List;
import org.cpansec.cpan.index.IndexProblem;

/**
 * One recorded import of the CPAN index: when, by whom, from which files, what it held, and the
 * problems met (the first {@code cpansec.cpan-index.max-problems-kept}; the counts are exact).
 *
 * @param actor the member's username, or {@code command line}
 * @param modules modules mapped by 02packages
 * @param providingDistributions distinct distributions shipping those modules
 * @param releases releases with prerequisites in the dump
 * @param requirements prerequisites of those releases (every phase and relationship)
 * @param unresolvedModules distinct required modules no 02packages line provides
 * @param packagesRejected 02packages lines left out
 * @param dumpRejected dump lines or META files left out
 */
public record ImportSummary(
    long id,
    OffsetDateTime importedAt,
    String actor,
    String packagesFile,
    String dumpFile,
    int modules,
    int providingDistributions,
    int releases,
    int requirements,
    int unresolvedModules,
    int packagesRejected,
    int dumpRejected,
    int warnings,
    List<IndexProblem> problems) {
  public ImportSummary {
    importedAt = importedAt.withOffsetSameInstant(java.time.ZoneOffset.UTC);
    problems = List.copyOf(problems);
  }

  /** Lines or files left out, in both inputs. */
  public int rejected() {
    return packagesRejected + dumpRejected;
  }

  /** Problems counted but not kept (beyond the configured number). */
  public int problemsNotKept() {
    return Math.max(0, rejected() + warnings - problems.size());
  }
}
