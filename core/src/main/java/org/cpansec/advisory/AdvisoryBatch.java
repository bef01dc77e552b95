package org.cpansec.advisory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one reader got from one source: entries as read (not yet merged), per-distribution releases
 * and main modules, the module→distribution map, and the oddities met while reading. {@code
 * authoritativeRanges} marks a CNA source, whose ranges win over others' in a merge.
 */
public record AdvisoryBatch(
    DatabaseSource source,
    List<Advisory> entries,
    Map<String, ReleaseList> releases,
    Map<String, String> mainModules,
    Map<String, String> module2dist,
    List<LintFinding> findings,
    boolean authoritativeRanges) {

  public AdvisoryBatch {
    entries = List.copyOf(entries);
    releases = new LinkedHashMap<>(releases);
    mainModules = Map.copyOf(mainModules);
    // Not copied: the compact form hands over a map decoded on first use.
    module2dist = java.util.Collections.unmodifiableMap(module2dist);
    findings = List.copyOf(findings);
  }

  /** A batch of advisories only (CNA records, OSV files, YAML sources). */
  public static AdvisoryBatch ofAdvisories(
      DatabaseSource source,
      List<Advisory> entries,
      List<LintFinding> findings,
      boolean authoritativeRanges) {
    return new AdvisoryBatch(
        source, entries, Map.of(), Map.of(), Map.of(), findings, authoritativeRanges);
  }
}
