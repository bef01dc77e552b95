package org.cpansec.cpan.index;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.cpansec.cpan.DistName;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.LocatedNode;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.Problem;
import org.cpansec.manifest.UnreadableManifestException;
import org.cpansec.manifest.meta.MetaExtractor;

/**
 * The prerequisites of CPAN releases, as they can be produced from a CPAN mirror or MetaCPAN, in
 * one of two shapes:
 *
 * <ul>
 *   <li><b>JSON Lines</b> (optionally gzip-compressed, recognised by its first bytes): one release
 *       per line, {@code {"distribution":"Foo-Bar","version":"1.2","prereqs":{...}}} where {@code
 *       prereqs} is a CPAN::Meta::Spec version 2 prerequisites mapping. Other keys are ignored;
 *       blank lines are skipped; a release without {@code prereqs} has none.
 *   <li><b>a directory</b> searched recursively for {@code META.json} and {@code META.yml} (spec 2
 *       or 1.4); where a directory holds both, {@code META.json} is read (it is the complete one).
 *       Prerequisites of {@code optional_features} are not the release's own and are left out.
 * </ul>
 *
 * <p>A line or file that cannot be read at all is rejected (counted, with its line and what was
 * expected) and the rest is still read; a readable entry with a bad part (a malformed module name,
 * an unknown phase, a second entry for the same distribution, which replaces the first) gets a
 * warning. The first {@value #MAX_PROBLEMS_KEPT} of each are kept; the counts are exact.
 */
public final class DependencyDump {
  /** How many rejections and how many warnings are kept with their message. */
  public static final int MAX_PROBLEMS_KEPT = 1000;

  /** Longest distribution name, module name or version text accepted (a database column). */
  public static final int MAX_TEXT = 255;

  private static final JsonFactory JSON = new JsonFactory();
  private static final String EXPECTED_LINE =
      "expected one release per line:"
          + " {\"distribution\":\"Foo-Bar\",\"version\":\"1.2\",\"prereqs\":{...}}";

  private final List<Release> releases;
  private final int entries;
  private final int rejectedCount;
  private final int warningCount;
  private final List<IndexProblem> rejected;
  private final List<IndexProblem> warnings;

  private DependencyDump(Collector c) {
    this.releases =
        c.byName.values().stream().sorted(Comparator.comparing(Release::distribution)).toList();
    this.entries = c.entries;
    this.rejectedCount = c.rejectedCount;
    this.warningCount = c.warningCount;
    this.rejected = List.copyOf(c.rejected);
    this.warnings = List.copyOf(c.warnings);
  }

  /** Reads a directory of META files, or else a JSON Lines file. */
  public static DependencyDump read(Path path) {
    return Files.isDirectory(path) ? readMetaDirectory(path) : readJsonLines(path);
  }

  /** Reads a JSON Lines dump (plain or gzip-compressed). */
  public static DependencyDump readJsonLines(Path file) {
    String source = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    Collector c = new Collector();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        InputStream in = isGzip(raw) ? new GZIPInputStream(raw) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (!line.isBlank()) {
          c.entries++;
          c.jsonLine(file, source, number, line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          file + ": cannot read the dependency dump: " + e.getMessage(), e);
    }
    return new DependencyDump(c);
  }

  /** Reads every {@code META.json} and {@code META.yml} below a directory. */
  public static DependencyDump readMetaDirectory(Path dir) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> Set.of("META.json", "META.yml").contains(p.getFileName().toString()))
              .sorted()
              .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new UncheckedIOException(
          dir + ": cannot read the META directory: " + e.getMessage(),
          e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
    }
    Set<Path> json =
        new java.util.HashSet<>(
            files.stream().filter(p -> p.getFileName().toString().equals("META.json")).toList());
    Collector c = new Collector();
    MetaExtractor extractor = new MetaExtractor();
    for (Path file : files) {
      if (file.getFileName().toString().equals("META.yml")
          && json.contains(file.resolveSibling("META.json"))) {
        continue;
      }
      c.entries++;
      c.metaFile(extractor, file, dir.relativize(file).toString().replace('\\', '/'));
    }
    return new DependencyDump(c);
  }

  private static boolean isGzip(InputStream in) throws IOException {
    in.mark(2);
    int a = in.read();
    int b = in.read();
    in.reset();
    return a == 0x1f && b == 0x8b;
  }

  /** The releases read, one per distribution, by name. */
  public List<Release> releases() {
    return releases;
  }

  /** Non-blank lines, or META files, read (imported, rejected or replaced). */
  public int entries() {
    return entries;
  }

  /** Entries left out entirely (exact count). */
  public int rejectedCount() {
    return rejectedCount;
  }

  /**
   * Warnings (exact count): a part of an entry left out, an entry without a version, an entry
   * replaced by a later one for the same distribution.
   */
  public int warningCount() {
    return warningCount;
  }

  /** The first {@value #MAX_PROBLEMS_KEPT} rejections, in file order. */
  public List<IndexProblem> rejected() {
    return rejected;
  }

  /** The first {@value #MAX_PROBLEMS_KEPT} warnings, in file order. */
  public List<IndexProblem> warnings() {
    return warnings;
  }

  /** Accumulates releases and problems while reading. */
  private static final class Collector {
    private final Map<String, Release> byName = new LinkedHashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final List<IndexProblem> rejected = new ArrayList<>();
    private final List<IndexProblem> warnings = new ArrayList<>();
    private int entries;
    private int rejectedCount;
    private int warningCount;

    void jsonLine(Path file, String source, int number, String line) {
      LocatedNode node;
      try (JsonParser parser = JSON.createParser(line)) {
        node = LocatedNode.read(parser);
        if (parser.nextToken() != null) {
          reject(source, number, "more than one JSON value on the line; " + EXPECTED_LINE);
          return;
        }
      } catch (JsonProcessingException e) {
        reject(
            source,
            number,
            "not valid JSON at column "
                + e.getLocation().getColumnNr()
                + " ("
                + e.getOriginalMessage()
                + "); "
                + EXPECTED_LINE);
        return;
      } catch (IOException e) {
        reject(source, number, "cannot read the line: " + e.getMessage());
        return;
      }
      if (!node.isMap()) {
        reject(source, number, "not a JSON object; " + EXPECTED_LINE);
        return;
      }
      Optional<String> name = node.textAt("distribution");
      if (name.isEmpty()) {
        reject(source, number, "no \"distribution\" name; " + EXPECTED_LINE);
        return;
      }
      Optional<String> bad = badDistribution(name.get());
      if (bad.isPresent()) {
        reject(source, number, bad.get());
        return;
      }
      List<IndexProblem> lineWarnings = new ArrayList<>();
      Optional<String> version =
          version(node.textAt("version"), source, number, name.get(), lineWarnings);
      Optional<LocatedNode> prereqs = node.get("prereqs").filter(n -> n.value() != null);
      List<Requirement> requirements = List.of();
      if (prereqs.isPresent()) {
        if (!prereqs.get().isMap()) {
          reject(
              source,
              number,
              name.get()
                  + ": \"prereqs\" is not an object (expected CPAN::Meta::Spec 2 prerequisites,"
                  + " e.g. {\"runtime\":{\"requires\":{\"Foo::Bar\":\"1.0\"}}})");
          return;
        }
        Manifest m = MetaExtractor.prereqsV2(file, prereqs.get());
        for (Problem p : m.problems()) {
          lineWarnings.add(
              new IndexProblem(
                  source, number, name.get() + ": prereqs: " + p.message() + " (left out)", false));
        }
        requirements = requirements(m, source, number, name.get(), lineWarnings);
      }
      lineWarnings.forEach(this::warn);
      add(new Release(intern(name.get()), version, requirements, source, number));
    }

    void metaFile(MetaExtractor extractor, Path file, String source) {
      Manifest m;
      try {
        m = extractor.extract(file, ExtractContext.defaults());
      } catch (UnreadableManifestException e) {
        String message = e.getMessage();
        String prefix = file + ": ";
        reject(
            source, 0, message.startsWith(prefix) ? message.substring(prefix.length()) : message);
        return;
      }
      String name = m.project().map(p -> p.name()).orElse("");
      if (name.isEmpty()) {
        reject(source, 0, "no 'name' (the distribution name CPAN::Meta::Spec requires)");
        return;
      }
      Optional<String> bad = badDistribution(name);
      if (bad.isPresent()) {
        reject(source, 0, bad.get());
        return;
      }
      List<IndexProblem> fileWarnings = new ArrayList<>();
      for (Problem p : m.problems()) {
        fileWarnings.add(
            new IndexProblem(source, p.location().line(), p.message() + " (left out)", false));
      }
      List<Requirement> requirements = requirements(m, source, 0, name, fileWarnings);
      Optional<String> version =
          version(
              m.project().flatMap(p -> p.version()).map(v -> v.written()),
              source,
              0,
              name,
              fileWarnings);
      fileWarnings.forEach(this::warn);
      add(new Release(intern(name), version, requirements, source, 0));
    }

    private List<Requirement> requirements(
        Manifest m, String source, int line, String dist, List<IndexProblem> problems) {
      List<Requirement> out = new ArrayList<>();
      for (Dependency d : m.dependencies()) {
        if (d.feature().isPresent() || d.module().isEmpty()) {
          continue; // optional_features: installed only on request, not the release's own
        }
        String module = d.module().get().value();
        String version = d.version().written();
        int at = line == 0 ? d.source().line() : line;
        if (module.length() > MAX_TEXT || version.length() > MAX_TEXT) {
          problems.add(
              new IndexProblem(
                  source,
                  at,
                  dist
                      + ": a module name or version requirement longer than "
                      + MAX_TEXT
                      + " characters (left out)",
                  false));
          continue;
        }
        out.add(new Requirement(intern(module), d.phase(), d.relationship(), intern(version)));
      }
      return out;
    }

    private Optional<String> badDistribution(String name) {
      if (name.length() > MAX_TEXT) {
        return Optional.of(
            "distribution name longer than "
                + MAX_TEXT
                + " characters: '"
                + name.substring(0, 40)
                + "...'");
      }
      try {
        DistName.of(name);
        return Optional.empty();
      } catch (IllegalArgumentException e) {
        return Optional.of(e.getMessage());
      }
    }

    private Optional<String> version(
        Optional<String> written, String source, int line, String dist, List<IndexProblem> out) {
      Optional<String> v = written.map(String::strip).filter(x -> !x.isEmpty());
      if (v.isEmpty()) {
        out.add(new IndexProblem(source, line, dist + ": no version; imported without one", false));
        return Optional.empty();
      }
      if (v.get().length() > MAX_TEXT) {
        out.add(
            new IndexProblem(
                source,
                line,
                dist + ": version longer than " + MAX_TEXT + " characters; imported without one",
                false));
        return Optional.empty();
      }
      return Optional.of(intern(v.get()));
    }

    private void add(Release release) {
      Release before = byName.put(release.distribution(), release);
      if (before != null) {
        warn(
            new IndexProblem(
                release.source(),
                release.line(),
                release.distribution()
                    + " was already read at "
                    + before.location()
                    + "; this entry replaces it",
                false));
      }
    }

    private String intern(String s) {
      String known = names.putIfAbsent(s, s);
      return known == null ? s : known;
    }

    private void reject(String source, int line, String message) {
      rejectedCount++;
      if (rejected.size() < MAX_PROBLEMS_KEPT) {
        rejected.add(new IndexProblem(source, line, message, true));
      }
    }

    private void warn(IndexProblem p) {
      warningCount++;
      if (warnings.size() < MAX_PROBLEMS_KEPT) {
        warnings.add(p);
      }
    }
  }
}
