package org.cpansec.server.cpanindex;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.cpansec.audit.PackagesIndex;
import org.cpansec.cpan.index.CpanIndex;
import org.cpansec.cpan.index.DependencyDump;
import org.cpansec.server.account.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Imports a CPAN index with dependency data: {@code 02packages.details.txt[.gz]} and a dependency
 * dump (JSON Lines, plain or gzip, or a directory of META files; see {@link DependencyDump}). Both
 * are read in full first; an input with nothing usable is refused and the current index kept;
 * otherwise the stored index is replaced in one transaction and every problem met is reported.
 */
@Service
public class CpanIndexImporter {
  /** The actor recorded for imports that no signed-in member made (the admin command). */
  public static final String COMMAND_LINE = "command line";

  private static final Logger log = LoggerFactory.getLogger(CpanIndexImporter.class);

  private final CpanIndexStore store;
  private final CpanIndexProperties properties;
  private final Clock clock;

  public CpanIndexImporter(CpanIndexStore store, CpanIndexProperties properties, Clock clock) {
    this.store = store;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Imports from files on the server's disk, as the admin command does.
   *
   * @throws ImportRefusedException when a file cannot be read or holds nothing usable; the reason
   *     says what was expected
   */
  public ImportSummary importIndex(Path packages, Path dump) {
    return importIndex(packages, dump, Optional.empty());
  }

  /** Imports on behalf of a signed-in member (the admin page), recorded as its actor. */
  public ImportSummary importIndex(Path packages, Path dump, Optional<Member> by) {
    CpanIndex index = read(packages, dump);
    CpanIndexStore.Origin origin =
        new CpanIndexStore.Origin(
            by.map(Member::username).orElse(COMMAND_LINE),
            by.map(Member::id).orElse(null),
            name(packages),
            name(dump),
            OffsetDateTime.now(clock));
    ImportSummary summary;
    try {
      summary = store.replace(index, origin, properties.maxProblemsKept());
    } catch (PessimisticLockingFailureException e) {
      throw new ImportRefusedException(
          "Another import of the CPAN index is in progress; try again when it has finished.", e);
    }
    log.info(
        "CPAN index import #{} by {}: {} modules, {} releases, {} requirements; {} lines"
            + " rejected, {} warnings",
        summary.id(),
        summary.actor(),
        summary.modules(),
        summary.releases(),
        summary.requirements(),
        summary.rejected(),
        summary.warnings());
    return summary;
  }

  private static CpanIndex read(Path packages, Path dump) {
    if (!Files.isRegularFile(packages)) {
      throw new ImportRefusedException(
          name(packages) + ": no such file (expected 02packages.details.txt or its .gz)");
    }
    if (!Files.exists(dump)) {
      throw new ImportRefusedException(
          name(dump)
              + ": no such file or directory (expected a JSON Lines dependency dump or a"
              + " directory of META files)");
    }
    PackagesIndex modules;
    DependencyDump releases;
    try {
      modules = PackagesIndex.read(packages);
    } catch (UncheckedIOException e) {
      throw new ImportRefusedException(
          name(packages) + ": cannot be read as 02packages.details.txt: " + cause(e), e);
    }
    try {
      releases = DependencyDump.read(dump);
    } catch (UncheckedIOException e) {
      throw new ImportRefusedException(
          name(dump) + ": cannot be read as a dependency dump: " + cause(e), e);
    }
    if (modules.size() == 0) {
      throw new ImportRefusedException(
          name(packages)
              + ": no module lines could be read ("
              + modules.unreadableLines()
              + " unreadable). Expected 02packages.details.txt: header lines, a blank line,"
              + " then lines like 'Foo::Bar  1.23  A/AU/AUTHOR/Foo-Bar-1.23.tar.gz'."
              + first(
                  modules.problems().isEmpty()
                      ? null
                      : "line "
                          + modules.problems().get(0).location().line()
                          + ": "
                          + modules.problems().get(0).message())
              + " The current index is kept.");
    }
    if (releases.releases().isEmpty()) {
      throw new ImportRefusedException(
          name(dump)
              + ": no release could be read ("
              + releases.rejectedCount()
              + " of "
              + releases.entries()
              + " entries rejected). Expected JSON Lines, one release per line:"
              + " {\"distribution\":\"Foo-Bar\",\"version\":\"1.2\",\"prereqs\":{...}}, or a"
              + " directory of META.json/META.yml files."
              + first(releases.rejected().isEmpty() ? null : releases.rejected().get(0).toString())
              + " The current index is kept.");
    }
    return CpanIndex.of(modules, name(packages), releases);
  }

  private static String first(String problem) {
    return problem == null ? "" : " First problem: " + problem + ".";
  }

  private static String cause(UncheckedIOException e) {
    Throwable c = e.getCause() == null ? e : e.getCause();
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }

  static String name(Path p) {
    Path n = p.getFileName();
    return n == null ? p.toString() : n.toString();
  }
}
