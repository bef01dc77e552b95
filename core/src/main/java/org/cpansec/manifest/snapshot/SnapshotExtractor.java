package org.cpansec.manifest.snapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpansec.cpan.CpanPathname;
import org.cpansec.cpan.DistName;
import org.cpansec.cpan.ModuleName;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Extractor;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.ManifestText;
import org.cpansec.manifest.Phase;
import org.cpansec.manifest.Problem;
import org.cpansec.manifest.Provided;
import org.cpansec.manifest.Relationship;
import org.cpansec.manifest.SourceLocation;
import org.cpansec.manifest.UnreadableManifestException;
import org.cpansec.manifest.VersionSpec;

/**
 * Reads {@code cpanfile.snapshot}. The format is line-oriented with fixed indentation (2 spaces for
 * a distribution, 4 for its keys, 6 for provides/requirements entries), which is how Carton writes
 * and reads it.
 */
public final class SnapshotExtractor implements Extractor {
  static final String HEADER = "# carton snapshot format: version 1.0";

  @Override
  public String name() {
    return "cpanfile.snapshot";
  }

  @Override
  public boolean accepts(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().equals("cpanfile.snapshot");
  }

  @Override
  public Manifest extract(Path file, ExtractContext context) {
    String text = ManifestText.read(file, context);
    List<String> lines = text.lines().toList();
    if (lines.isEmpty() || !lines.get(0).startsWith("# carton snapshot format:")) {
      throw new UnreadableManifestException(
          file, "line 1: not a Carton snapshot (expected '" + HEADER + "')");
    }
    Reader reader = new Reader(file);
    if (!lines.get(0).equals(HEADER)) {
      reader.problem(1, 1, "snapshot format '" + lines.get(0) + "' (expected '" + HEADER + "')");
    }
    for (int i = 1; i < lines.size(); i++) {
      reader.line(i + 1, lines.get(i));
    }
    reader.finish();
    return new Manifest(
        file, name(), Optional.empty(), reader.dependencies, reader.provides, reader.problems);
  }

  /** The state of one pass over the lines. */
  private static final class Reader {
    private final Path file;
    private final List<Dependency> dependencies = new ArrayList<>();
    private final List<Provided> provides = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private boolean inDistributions;
    private Entry entry;
    private String section = "";

    Reader(Path file) {
      this.file = file;
    }

    void line(int no, String line) {
      if (line.isBlank() || line.startsWith("#")) {
        return;
      }
      int indent = indentOf(line);
      String body = line.strip();
      if (indent == 0) {
        finishEntry();
        inDistributions = body.equals("DISTRIBUTIONS");
        if (!inDistributions) {
          problem(no, 1, "unknown section '" + body + "' (expected DISTRIBUTIONS)");
        }
      } else if (!inDistributions) {
        problem(no, indent + 1, "entry outside the DISTRIBUTIONS section");
      } else if (indent == 2) {
        finishEntry();
        entry = new Entry(body, no);
        section = "";
      } else if (entry == null) {
        problem(no, indent + 1, "line before the first distribution");
      } else if (indent == 4) {
        key(no, body);
      } else if (indent == 6) {
        item(no, body);
      } else {
        problem(no, 1, "unexpected indentation of " + indent + " spaces (expected 2, 4 or 6)");
      }
    }

    private void key(int no, String body) {
      int colon = body.indexOf(':');
      String key = colon < 0 ? body : body.substring(0, colon);
      String value = colon < 0 ? "" : body.substring(colon + 1).strip();
      switch (key) {
        case "pathname" -> {
          entry.pathname = value;
          entry.pathnameLine = no;
        }
        case "provides", "requirements" -> section = key;
        case "version", "mirror" -> section = "";
        default -> {
          section = "";
          problem(no, 5, "unknown key '" + key + "' (expected pathname, provides, requirements)");
        }
      }
    }

    private void item(int no, String body) {
      int space = body.indexOf(' ');
      String[] parts =
          space < 0
              ? new String[] {body}
              : new String[] {body.substring(0, space), body.substring(space + 1).strip()};
      if (parts.length != 2 || section.isEmpty()) {
        problem(no, 7, "expected 'Module::Name VERSION' under provides: or requirements:");
        return;
      }
      Optional<ModuleName> module = moduleName(no, parts[0]);
      if (module.isEmpty()) {
        return;
      }
      if (section.equals("provides")) {
        entry.provides.add(new PendingProvide(module.get(), VersionSpec.exactOf(parts[1]), at(no)));
      } else {
        entry.requirements.add(
            Dependency.module(
                module.get(),
                VersionSpec.requirement(parts[1]),
                Phase.RUNTIME,
                Relationship.REQUIRES,
                Optional.empty(),
                at(no)));
      }
    }

    private Optional<ModuleName> moduleName(int no, String text) {
      try {
        return Optional.of(ModuleName.of(text));
      } catch (IllegalArgumentException e) {
        problem(no, 7, e.getMessage());
        return Optional.empty();
      }
    }

    void finish() {
      finishEntry();
    }

    private void finishEntry() {
      if (entry == null) {
        return;
      }
      Entry e = entry;
      entry = null;
      Optional<DistName> dist = resolve(e);
      if (dist.isEmpty()) {
        return;
      }
      for (PendingProvide p : e.provides) {
        provides.add(new Provided(p.module(), dist.get(), p.version(), p.source()));
      }
      for (Dependency r : e.requirements) {
        dependencies.add(
            new Dependency(
                r.module(),
                r.distribution(),
                r.author(),
                r.version(),
                r.phase(),
                r.relationship(),
                r.feature(),
                dist,
                r.source()));
      }
    }

    /** Adds the locked distribution; returns its name, empty when even that is unknown. */
    private Optional<DistName> resolve(Entry e) {
      if (e.pathname == null) {
        problem(e.line, 3, "distribution '" + e.name + "' has no pathname: (version unknown)");
        return unknownFromEntryName(e, "no pathname in the snapshot");
      }
      try {
        CpanPathname path = CpanPathname.parse(e.pathname);
        dependencies.add(
            Dependency.distribution(
                path.distribution(),
                Optional.of(path.author()),
                VersionSpec.exactOf(path.version()),
                at(e.line)));
        return Optional.of(path.distribution());
      } catch (IllegalArgumentException ex) {
        problem(e.pathnameLine, 5, ex.getMessage());
        return unknownFromEntryName(e, "pathname '" + e.pathname + "' is not a CPAN pathname");
      }
    }

    /** Keeps a malformed entry visible as a distribution of unknown version. */
    private Optional<DistName> unknownFromEntryName(Entry e, String reason) {
      int dash = e.name.lastIndexOf('-');
      String distText = dash > 0 ? e.name.substring(0, dash) : e.name;
      String written = dash > 0 ? e.name.substring(dash + 1) : "";
      try {
        DistName dist = DistName.of(distText);
        dependencies.add(
            Dependency.distribution(
                dist, Optional.empty(), VersionSpec.unknown(written, reason), at(e.line)));
        return Optional.of(dist);
      } catch (IllegalArgumentException ex) {
        problem(
            e.line,
            3,
            "distribution entry '"
                + e.name
                + "': "
                + ex.getMessage()
                + "; its "
                + e.provides.size()
                + " provides and "
                + e.requirements.size()
                + " requirements are not read");
        return Optional.empty();
      }
    }

    private SourceLocation at(int line) {
      return SourceLocation.of(file, line, 0);
    }

    void problem(int line, int column, String message) {
      problems.add(new Problem(SourceLocation.of(file, line, column), message));
    }

    private static int indentOf(String line) {
      int i = 0;
      while (i < line.length() && line.charAt(i) == ' ') {
        i++;
      }
      return i;
    }
  }

  private record PendingProvide(ModuleName module, VersionSpec version, SourceLocation source) {}

  /** One distribution block while it is being read. */
  private static final class Entry {
    final String name;
    final int line;
    String pathname;
    int pathnameLine;
    final List<PendingProvide> provides = new ArrayList<>();
    final List<Dependency> requirements = new ArrayList<>();

    Entry(String name, int line) {
      this.name = name;
      this.line = line;
    }
  }
}
