package org.cpansec.cve.record;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CNA record as authored (the {@code cpansec:} map of the YAML). Text fields are as written;
 * folding and template expansion happen when the record is built into CVE JSON.
 */
public record CnaRecord(
    CveId cve,
    DistributionName distribution,
    ModuleName module,
    PauseId author,
    Optional<String> repo,
    List<AffectedRange> affected,
    String title,
    String description,
    List<Reference> references,
    List<String> cwes,
    List<String> files,
    List<String> routines,
    List<String> solutions,
    List<String> mitigations,
    List<Credit> credits,
    List<String> impacts,
    List<TimelineEntry> timeline) {

  public CnaRecord {
    Objects.requireNonNull(cve, "cve");
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    if (affected.isEmpty()) {
      throw new IllegalArgumentException("a record needs at least one affected range");
    }
    affected = List.copyOf(affected);
    references = List.copyOf(references);
    cwes = List.copyOf(cwes);
    files = List.copyOf(files);
    routines = List.copyOf(routines);
    solutions = List.copyOf(solutions);
    mitigations = List.copyOf(mitigations);
    credits = List.copyOf(credits);
    impacts = List.copyOf(impacts);
    timeline = List.copyOf(timeline);
  }
}
