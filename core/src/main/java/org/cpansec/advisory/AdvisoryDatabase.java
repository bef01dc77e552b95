package org.cpansec.advisory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.cpansec.advisory.compact.CompactReader;
import org.cpansec.advisory.cpansa.CpansaJsonReader;

/**
 * The immutable advisory database: merged advisories indexed by distribution, id and alias, each
 * distribution's releases, and the module→distribution map. Lookups of ids, aliases, modules and
 * distributions are exact first, then case-insensitive.
 */
public final class AdvisoryDatabase {
  /** Classpath location of the bundled CPANSA JSON snapshot (see the NOTICE beside it). */
  public static final String BUNDLED_RESOURCE = "/org/cpansec/advisory/cpan-security-advisory.json";

  /** Its compact form, built from it at build time (see {@code org.cpansec.advisory.compact}). */
  public static final String BUNDLED_COMPACT = "/org/cpansec/advisory/cpan-security-advisory.bin";

  private final List<DatabaseSource> sources;
  private final List<Advisory> all;
  private final Map<String, List<Advisory>> byDistribution;
  private final Map<String, Advisory> byName;
  private final Map<String, ReleaseList> releases;
  private final Map<String, Origin> releaseOrigins;
  private final Map<String, String> module2dist;
  private final Map<String, String> mainModules;
  private final List<LintFinding> readFindings;
  private volatile List<LintFinding> lint;

  private AdvisoryDatabase(
      List<AdvisoryBatch> batches,
      List<Advisory> mergedAdvisories,
      List<LintFinding> mergeFindings) {
    List<Advisory> merged = new ArrayList<>(mergedAdvisories);
    merged.sort(
        Comparator.comparing(Advisory::distribution, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(Advisory::id));
    all = List.copyOf(merged);
    List<DatabaseSource> src = new ArrayList<>();
    List<LintFinding> found = new ArrayList<>();
    Map<String, ReleaseList> rel = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, Origin> relOrigins = new HashMap<>();
    Map<String, String> modules =
        batches.size() == 1 ? batches.get(0).module2dist() : new HashMap<>();
    Map<String, String> main = new HashMap<>();
    for (AdvisoryBatch b : batches) {
      src.add(b.source());
      found.addAll(b.findings());
      b.releases().forEach((d, r) -> rel.putIfAbsent(d, r));
      b.releases().keySet().forEach(d -> relOrigins.putIfAbsent(d, versionsOrigin(b.source(), d)));
      if (batches.size() > 1) {
        b.module2dist().forEach(modules::putIfAbsent);
      }
      b.mainModules().forEach(main::putIfAbsent);
    }
    found.addAll(mergeFindings);
    sources = List.copyOf(src);
    readFindings = List.copyOf(found);
    releases = Collections.unmodifiableMap(rel);
    releaseOrigins = Map.copyOf(relOrigins);
    module2dist = batches.size() == 1 ? modules : Map.copyOf(modules);
    mainModules = Map.copyOf(main);
    Map<String, List<Advisory>> byDist = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, Advisory> names = new HashMap<>();
    for (Advisory a : all) {
      byDist.computeIfAbsent(a.distribution(), k -> new ArrayList<>()).add(a);
      names.put(a.id().toUpperCase(Locale.ROOT), a);
    }
    for (Advisory a : all) {
      a.aliases().forEach(x -> names.putIfAbsent(x.toUpperCase(Locale.ROOT), a));
    }
    byDist.replaceAll((k, v) -> List.copyOf(v));
    byDistribution = Collections.unmodifiableMap(byDist);
    byName = Map.copyOf(names);
  }

  private static Origin versionsOrigin(DatabaseSource s, String dist) {
    return new Origin(s.kind(), s.file(), "/dists/" + dist + "/versions");
  }

  /** Merges batches from any sources, in order of precedence (first source's ids win). */
  public static AdvisoryDatabase of(List<AdvisoryBatch> batches) {
    if (batches.isEmpty()) {
      throw new IllegalArgumentException("a database needs at least one source");
    }
    Merger merger = new Merger();
    List<Advisory> merged = merger.merge(batches);
    return new AdvisoryDatabase(List.copyOf(batches), merged, merger.findings());
  }

  /**
   * A database whose advisories were merged before (the compact form): {@code data} carries the
   * source, releases, module maps and every reading and merging finding; {@code merged} the
   * advisories as {@link #all()} returned them.
   */
  public static AdvisoryDatabase restore(AdvisoryBatch data, List<Advisory> merged) {
    return new AdvisoryDatabase(List.of(data), merged, List.of());
  }

  /**
   * This database with more sources merged over it (CNA records, OSV files, YAML sources), in order
   * of precedence after this one; a CNA source still wins on ranges.
   */
  public AdvisoryDatabase with(List<AdvisoryBatch> more) {
    AdvisoryBatch self =
        new AdvisoryBatch(source(), all, releases, mainModules, module2dist, readFindings, false);
    List<AdvisoryBatch> batches = new ArrayList<>();
    batches.add(self);
    batches.addAll(more);
    Merger merger = new Merger();
    List<Advisory> merged = merger.merge(batches, true);
    return new AdvisoryDatabase(batches, merged, merger.findings());
  }

  /** The findings of reading and merging, before the database-wide checks of {@link #lint()}. */
  public List<LintFinding> sourceFindings() {
    return readFindings;
  }

  /** Each distribution's main module, where the source names one. */
  public Map<String, String> mainModules() {
    return mainModules;
  }

  /** The CPANSA JSON snapshot bundled in the jar; read once, then shared. */
  public static AdvisoryDatabase bundled() {
    return Bundled.DB;
  }

  /**
   * Reads a CPANSA JSON database file (the shape of {@code cpan-security-advisory.json}).
   *
   * @throws org.cpansec.advisory.AdvisoryFormatException when the file is not of that shape
   */
  public static AdvisoryDatabase load(Path file) throws IOException {
    return of(List.of(new CpansaJsonReader().read(file)));
  }

  private static final class Bundled {
    static final AdvisoryDatabase DB = read();

    private static AdvisoryDatabase read() {
      try (InputStream compact = AdvisoryDatabase.class.getResourceAsStream(BUNDLED_COMPACT)) {
        if (compact != null) {
          return CompactReader.read(compact, "bundled:" + BUNDLED_COMPACT);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // Only a build that skipped process-classes (an IDE) lacks the compact form: same data.
      try (InputStream in = AdvisoryDatabase.class.getResourceAsStream(BUNDLED_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("bundled snapshot missing: " + BUNDLED_RESOURCE);
        }
        return of(List.of(new CpansaJsonReader().read(in, "bundled:" + BUNDLED_RESOURCE)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Every merged advisory, by distribution then id. */
  public List<Advisory> all() {
    return all;
  }

  /** The advisories of one distribution (exact, else case-insensitive name). */
  public List<Advisory> advisoriesFor(String distribution) {
    return byDistribution.getOrDefault(distribution, List.of());
  }

  /** The advisory with this id or alias (CPANSA id, CVE, GHSA, previous id), any case. */
  public Optional<Advisory> find(String idOrAlias) {
    return Optional.ofNullable(byName.get(idOrAlias.strip().toUpperCase(Locale.ROOT)));
  }

  /** Every advisory with this id or alias: an id reused for two distributions gives two. */
  public List<Advisory> findAll(String idOrAlias) {
    return all.stream().filter(a -> a.isNamed(idOrAlias.strip())).toList();
  }

  /** A distribution's known releases sorted by version; unparseable ones last, flagged. */
  public List<Release> releases(String distribution) {
    ReleaseList list = releases.get(distribution);
    return list == null ? List.of() : list.releases();
  }

  /** Whether the distribution has any known release list. */
  public boolean knowsReleasesOf(String distribution) {
    return releases.containsKey(distribution);
  }

  Origin releaseOrigin(String distribution) {
    return releaseOrigins.getOrDefault(
        distribution, new Origin("unknown", "", "/dists/" + distribution));
  }

  /** The distribution shipping a module, from the module→distribution map. */
  public Optional<String> distributionOfModule(String module) {
    return Optional.ofNullable(module2dist.get(module.strip()));
  }

  /** A distribution's main module, when the source names one. */
  public Optional<String> mainModule(String distribution) {
    return Optional.ofNullable(mainModules.get(distribution));
  }

  public Map<String, String> module2dist() {
    return module2dist;
  }

  /** Every distribution with advisories or releases, sorted case-insensitively. */
  public List<String> distributions() {
    TreeMap<String, Boolean> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    releases.keySet().forEach(d -> names.put(d, Boolean.TRUE));
    byDistribution.keySet().forEach(d -> names.putIfAbsent(d, Boolean.TRUE));
    return List.copyOf(names.keySet());
  }

  /** The number of releases of all distributions, without parsing any of them. */
  public int releaseCount() {
    int n = 0;
    for (ReleaseList r : releases.values()) {
      n += r.size();
    }
    return n;
  }

  /** The number of source entries read, before merging repeated ids. */
  public int entryCount() {
    int n = 0;
    for (Advisory a : all) {
      n += a.origins().size();
    }
    return n;
  }

  /** Where the data came from; the first source is the primary one. */
  public DatabaseSource source() {
    return sources.get(0);
  }

  public List<DatabaseSource> sources() {
    return sources;
  }

  /** Every oddity of the sources: reading, merging and the database-wide checks. */
  public List<LintFinding> lint() {
    List<LintFinding> result = lint;
    if (result == null) {
      List<LintFinding> list = new ArrayList<>(readFindings);
      list.addAll(Linter.lint(this));
      result = List.copyOf(list);
      lint = result;
    }
    return result;
  }

  /** Lint counts per kind, in the order of {@link LintKind}. */
  public Map<LintKind, Integer> lintCounts() {
    Map<LintKind, Integer> counts = new LinkedHashMap<>();
    for (LintKind k : LintKind.values()) {
      counts.put(k, 0);
    }
    lint().forEach(f -> counts.merge(f.kind(), 1, Integer::sum));
    return counts;
  }
}
