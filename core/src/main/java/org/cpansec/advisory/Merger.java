package org.cpansec.advisory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges entries into advisories. Within one source, entries with the same id are one advisory
 * whose ranges are the union (the CPANSA JSON repeats an id once per embedded-library release);
 * entries that differ in more than their ranges are a finding. Across sources, entries for the same
 * distribution that share the id or a CVE are one advisory carrying both ids; a source with
 * authoritative ranges (CNA) replaces the others' ranges, and every disagreement is a finding.
 */
final class Merger {
  private final Map<String, AdvisoryBuilder> byKey = new LinkedHashMap<>();
  private final Map<String, Advisory> firstSeen = new LinkedHashMap<>();
  private final Map<String, Advisory> firstById = new LinkedHashMap<>();
  private final List<LintFinding> findings = new ArrayList<>();

  List<LintFinding> findings() {
    return findings;
  }

  List<Advisory> merge(List<AdvisoryBatch> batches) {
    return merge(batches, false);
  }

  /**
   * Merges; with {@code firstIsMerged} the first batch is a database merged before, whose own
   * findings are already known and must not be reported twice.
   */
  List<Advisory> merge(List<AdvisoryBatch> batches, boolean firstIsMerged) {
    Map<AdvisoryBuilder, Boolean> order = new LinkedHashMap<>();
    for (AdvisoryBatch batch : batches) {
      boolean quiet = firstIsMerged && batch == batches.get(0);
      Map<String, AdvisoryBuilder> local = new LinkedHashMap<>();
      List<Map.Entry<Advisory, AdvisoryBuilder>> fresh = new ArrayList<>();
      for (Advisory entry : batch.entries()) {
        String key = key(entry.distribution(), entry.id());
        AdvisoryBuilder same = local.get(key);
        if (same != null) {
          sameSource(same, entry);
          continue;
        }
        if (quiet) {
          firstById.putIfAbsent(entry.id(), entry);
        } else {
          reportSameIdElsewhere(entry);
        }
        AdvisoryBuilder other = findAcrossSources(entry);
        if (other != null) {
          acrossSources(other, entry, batch.authoritativeRanges());
          local.put(key, other);
          continue;
        }
        AdvisoryBuilder b = entry.toBuilder();
        local.put(key, b);
        firstSeen.put(key, entry);
        fresh.add(Map.entry(entry, b));
        order.put(b, Boolean.TRUE);
      }
      // Indexed after the batch: within one source, a shared CVE does not make entries one.
      fresh.forEach(e -> index(e.getKey(), e.getValue()));
    }
    List<Advisory> result = new ArrayList<>(order.size());
    order.keySet().forEach(b -> result.add(b.build()));
    return result;
  }

  private static String key(String distribution, String name) {
    return distribution + "\u0000" + name;
  }

  private void index(Advisory entry, AdvisoryBuilder b) {
    byKey.put(key(entry.distribution(), entry.id()), b);
    for (String cve : entry.cves()) {
      byKey.putIfAbsent(key(entry.distribution(), cve), b);
    }
  }

  /** One id used for two distributions: both advisories are kept, and the clash reported. */
  private void reportSameIdElsewhere(Advisory entry) {
    Advisory first = firstById.putIfAbsent(entry.id(), entry);
    if (first != null && !first.distribution().equals(entry.distribution())) {
      findings.add(
          new LintFinding(
              LintKind.DUPLICATE_ID_DIFFERENT_CONTENT,
              entry.origin(),
              entry.id(),
              "the same id is used for distribution "
                  + first.distribution()
                  + " at "
                  + first.origin()
                  + "; both are kept"));
    }
  }

  private AdvisoryBuilder findAcrossSources(Advisory entry) {
    AdvisoryBuilder b = byKey.get(key(entry.distribution(), entry.id()));
    if (b == null) {
      for (String cve : entry.cves()) {
        b = byKey.get(key(entry.distribution(), cve));
        if (b != null) {
          break;
        }
      }
    }
    return b;
  }

  private void sameSource(AdvisoryBuilder into, Advisory entry) {
    Advisory first = firstSeen.get(key(entry.distribution(), entry.id()));
    if (first != null && !sameContent(first, entry)) {
      findings.add(
          new LintFinding(
              LintKind.DUPLICATE_ID_DIFFERENT_CONTENT,
              entry.origin(),
              entry.id(),
              "differs from the entry at " + first.origin() + " in " + differences(first, entry)));
    }
    addAll(into, entry);
    entry.affected().forEach(into::affected);
    entry.fixed().forEach(into::fixed);
  }

  private void acrossSources(AdvisoryBuilder into, Advisory entry, boolean authoritative) {
    Advisory current = into.build();
    into.alias(entry.id());
    addAll(into, entry);
    boolean sameRanges =
        current.affected().stream()
            .map(AdvisoryRange::range)
            .collect(java.util.stream.Collectors.toSet())
            .equals(
                entry.affected().stream()
                    .map(AdvisoryRange::range)
                    .collect(java.util.stream.Collectors.toSet()));
    if (!sameRanges) {
      findings.add(
          new LintFinding(
              LintKind.SOURCE_CONFLICT,
              entry.origin(),
              current.id(),
              "affected ranges "
                  + entry.affected()
                  + " disagree with "
                  + current.affected()
                  + " from "
                  + current.origin()
                  + (authoritative ? "; this source is authoritative, its ranges are kept" : "")));
    }
    Severity was = current.severity();
    Severity now = entry.severity();
    if (was.level() != Severity.Level.UNKNOWN
        && now.level() != Severity.Level.UNKNOWN
        && was.level() != now.level()) {
      findings.add(
          new LintFinding(
              LintKind.SOURCE_CONFLICT,
              entry.origin(),
              current.id(),
              "severity "
                  + now.level().label()
                  + " disagrees with "
                  + was.level().label()
                  + " from "
                  + current.origin()
                  + "; the first source's is kept"));
    } else if (was.level() == Severity.Level.UNKNOWN) {
      into.severity(now);
    }
    conflict(current, entry, "title", current.title(), entry.title(), "the first source's is kept");
    conflict(
        current,
        entry,
        "description",
        current.description(),
        entry.description(),
        "the first source's is kept");
    conflict(
        current,
        entry,
        "fixed ranges",
        rangeSet(current.fixed()),
        rangeSet(entry.fixed()),
        "both sources' fixed ranges are kept");
    conflict(
        current,
        entry,
        "CWEs",
        java.util.Set.copyOf(current.cwes()),
        java.util.Set.copyOf(entry.cwes()),
        "both sources' CWEs are kept");
    if (authoritative) {
      into.replaceAffected(entry.affected());
    } else if (!sameRanges && current.affected().isEmpty()) {
      entry.affected().forEach(into::affected);
    }
    entry.fixed().forEach(into::fixed);
    if (current.title() == null) {
      into.title(entry.title());
    }
    if (current.description() == null) {
      into.description(entry.description());
    }
  }

  /**
   * Records a field two sources both give, differently; an absent or empty value is no conflict.
   */
  private void conflict(
      Advisory current, Advisory entry, String field, Object was, Object now, String kept) {
    if (was == null || now == null || was.equals(now)) {
      return;
    }
    if ((was instanceof java.util.Collection<?> c && c.isEmpty())
        || (now instanceof java.util.Collection<?> d && d.isEmpty())) {
      return;
    }
    findings.add(
        new LintFinding(
            LintKind.SOURCE_CONFLICT,
            entry.origin(),
            current.id(),
            field + " differs from " + current.origin() + "; " + kept));
  }

  private static java.util.Set<java.util.Optional<org.cpansec.version.VersionRange>> rangeSet(
      List<AdvisoryRange> ranges) {
    return ranges.stream().map(AdvisoryRange::range).collect(java.util.stream.Collectors.toSet());
  }

  private static void addAll(AdvisoryBuilder into, Advisory entry) {
    entry.aliases().forEach(into::alias);
    entry.references().forEach(into::reference);
    entry.cwes().forEach(into::cwe);
    entry.cvss().forEach(into::cvss);
    entry.credits().forEach(into::credit);
    entry.origins().forEach(into::origin);
  }

  private static boolean sameContent(Advisory a, Advisory b) {
    return differences(a, b).isEmpty();
  }

  /** Field names whose values differ, ranges and origins aside. */
  private static List<String> differences(Advisory a, Advisory b) {
    List<String> diff = new ArrayList<>();
    check(diff, "distribution", a.distribution(), b.distribution());
    check(diff, "aliases", a.aliases(), b.aliases());
    check(diff, "severity", a.severity(), b.severity());
    check(diff, "title", a.title(), b.title());
    check(diff, "description", a.description(), b.description());
    check(diff, "references", a.references(), b.references());
    check(diff, "reported", a.reported(), b.reported());
    check(
        diff,
        "embedded/external library",
        a.thirdPartyLibrary().map(ThirdParty::name),
        b.thirdPartyLibrary().map(ThirdParty::name));
    check(diff, "comment", a.comment(), b.comment());
    return diff;
  }

  private static void check(List<String> diff, String name, Object a, Object b) {
    if (!Objects.equals(a, b)) {
      diff.add(name);
    }
  }
}
