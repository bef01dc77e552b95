package org.cpansec.cpan.index;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One release of a distribution in a dependency dump: its name, version and prerequisites, and
 * where it was read.
 *
 * @param version as written; empty when the entry gave none
 * @param source the dump's file name (JSON Lines) or the META file's path within the directory
 * @param line the line of a JSON Lines dump, 0 for a META file
 */
public record Release(
    String distribution,
    Optional<String> version,
    List<Requirement> requirements,
    String source,
    int line) {
  public Release {
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(source, "source");
    requirements = List.copyOf(requirements);
  }

  /** {@code source:line}, or the source alone for a META file. */
  public String location() {
    return line == 0 ? source : source + ":" + line;
  }
}
