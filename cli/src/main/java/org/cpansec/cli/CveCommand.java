package org.cpansec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.cve.json.BuildOptions;
import org.cpansec.cve.json.CanonicalJson;
import org.cpansec.cve.json.CveJsonBuilder;
import org.cpansec.cve.json.CveJsonImporter;
import org.cpansec.cve.json.ImportRefusedException;
import org.cpansec.cve.json.SchemaRejectedException;
import org.cpansec.cve.osv.OsvRecord;
import org.cpansec.cve.record.AffectedRange;
import org.cpansec.cve.record.CnaRecordReader;
import org.cpansec.cve.record.CveId;
import org.cpansec.cve.record.InvalidRecordException;
import org.cpansec.cve.record.InvalidValueException;
import org.cpansec.cve.record.LoadedRecord;
import org.cpansec.cve.text.Announcement;
import org.cpansec.cve.text.VersionPhrase;
import org.cpansec.version.InvalidRangeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cpansec cve}: the CNA's record tool over a data directory ({@code cves/}, …). */
@Command(
    name = "cve",
    mixinStandardHelpOptions = true,
    description = "CNA records: check, build CVE JSON 5, announce, import.",
    subcommands = {
      CveInit.class,
      CveCheck.class,
      CveReconcile.class,
      CveBuild.class,
      CveCommand.Emit.class,
      CveCommand.Announce.class,
      CveCommand.Import.class,
      CveCommand.Phrase.class
    })
public final class CveCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--root",
      description = "CNA data directory (default: $CPANSEC_CNA_ROOT, else the current directory).")
  Path root;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  Path root() {
    if (root != null) {
      return root;
    }
    String env = System.getenv("CPANSEC_CNA_ROOT");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of(".");
  }

  /** The CVE named, else $CPANSEC_CNA_CVE, else a git branch named CVE-YYYY-NNNN…. */
  CveId cve(String given) {
    try {
      if (given != null) {
        return CveId.of(given);
      }
      String env = System.getenv("CPANSEC_CNA_CVE");
      if (env != null && !env.isBlank()) {
        return CveId.of(env.strip());
      }
      Path head = root().resolve(".git/HEAD");
      if (Files.isRegularFile(head)) {
        String ref = Files.readString(head).strip();
        String branch = ref.substring(ref.lastIndexOf('/') + 1);
        return CveId.prefixOf(branch)
            .orElseThrow(
                () ->
                    new UserException(
                        "no CVE given, and branch '" + branch + "' does not start with one"));
      }
    } catch (InvalidValueException e) {
      throw new UserException(e.getMessage());
    } catch (IOException e) {
      throw new UserException("cannot read " + root().resolve(".git/HEAD") + ": " + e.getMessage());
    }
    throw new UserException("no CVE given: name one, or set CPANSEC_CNA_CVE");
  }

  Path yaml(CveId cve) {
    return root().resolve("cves").resolve(cve + ".yaml");
  }

  /** Every {@code cves/*.yaml}, sorted by name. */
  List<Path> allRecords() {
    Path dir = root().resolve("cves");
    if (!Files.isDirectory(dir)) {
      throw new UserException("no directory " + dir + " (is --root the CNA data directory?)");
    }
    return records(dir);
  }

  /** The {@code *.yaml} of a directory, sorted; none when it does not exist. */
  List<Path> records(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UserException("cannot list " + dir + ": " + e.getMessage());
    }
  }

  LoadedRecord load(Path file) {
    try {
      return CnaRecordReader.read(file);
    } catch (IOException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage());
    } catch (InvalidRecordException e) {
      throw new UserException("invalid record:\n" + e.getMessage());
    }
  }

  JsonNode build(LoadedRecord r, boolean cnaOnly) {
    CveJsonBuilder b = new CveJsonBuilder(BuildOptions.defaults());
    try {
      return cnaOnly ? b.cnaContainer(r.record()) : b.record(r.record());
    } catch (SchemaRejectedException e) {
      throw new UserException(e.getMessage() + "\nnothing was written");
    }
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserException("cannot write " + file + ": " + e.getMessage());
    }
  }

  @Command(
      name = "emit",
      description = "Print the record as CVE JSON 5 (validated) or, with --format osv, as OSV.")
  static final class Emit implements Callable<Integer> {
    @ParentCommand CveCommand cve;

    @Parameters(arity = "0..1", paramLabel = "CVE")
    String id;

    @Option(
        names = "--cna-container-only",
        description = "Only containers.cna, as CVE Services takes it.")
    boolean cnaOnly;

    @Option(
        names = "--format",
        defaultValue = "cve",
        description = "cve (CVE JSON 5, default) or osv (through the advisory OSV export).")
    String format;

    @Override
    public Integer call() {
      if (!format.equals("cve") && !format.equals("osv")) {
        throw new UserException("--format must be cve or osv, not '" + format + "'");
      }
      if (format.equals("osv") && cnaOnly) {
        throw new UserException("--cna-container-only is for CVE JSON, not --format osv");
      }
      Path yaml = cve.yaml(cve.cve(id));
      JsonNode built = cve.build(cve.load(yaml), cnaOnly);
      JsonNode out = format.equals("osv") ? osv(yaml, built) : built;
      cve.spec.commandLine().getOut().print(CanonicalJson.write(out));
      cve.spec.commandLine().getOut().flush();
      return ExitCode.OK;
    }

    private static JsonNode osv(Path yaml, JsonNode built) {
      try {
        // OSV's "modified": when the record last changed, which for an unpublished record is
        // when its YAML was last written.
        return OsvRecord.of(
            built, AdvisoryDatabase.bundled(), Files.getLastModifiedTime(yaml).toInstant());
      } catch (IOException e) {
        throw new UserException("cannot make the OSV record: " + e.getMessage());
      }
    }
  }

  @Command(name = "announce", description = "The cve-announce mail text.")
  static final class Announce implements Callable<Integer> {
    @ParentCommand CveCommand cve;

    @Parameters(arity = "0..1", paramLabel = "CVE")
    String id;

    @Option(names = "--write", description = "Write announce/CVE.txt.")
    boolean writeFile;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE.")
    Path output;

    @Override
    public Integer call() {
      CveId c = cve.cve(id);
      String text = Announcement.render(cve.build(cve.load(cve.yaml(c)), false));
      Path target =
          output != null
              ? output
              : writeFile ? cve.root().resolve("announce").resolve(c + ".txt") : null;
      if (target == null) {
        cve.spec.commandLine().getOut().print(text);
        cve.spec.commandLine().getOut().flush();
      } else {
        write(target, text);
        cve.spec.commandLine().getOut().println("wrote " + target);
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "import",
      description = "CVE JSON → cves/CVE.yaml, refused unless it round-trips.")
  static final class Import implements Callable<Integer> {
    @ParentCommand CveCommand cve;

    @Parameters(paramLabel = "CVE|FILE.json")
    String source;

    @Option(names = "--force", description = "Overwrite an existing YAML.")
    boolean force;

    @Override
    public Integer call() {
      Path file =
          source.endsWith(".json")
              ? Path.of(source)
              : cve.yaml(cve.cve(source)).resolveSibling(source + ".json");
      JsonNode json;
      try {
        json = CanonicalJson.read(Files.readString(file));
      } catch (IOException e) {
        throw new UserException("cannot read " + file + ": " + e.getMessage());
      }
      String yaml;
      try {
        yaml = new CveJsonImporter().toYaml(json);
      } catch (ImportRefusedException e) {
        throw new UserException(e.getMessage());
      }
      Path target = cve.yaml(cve.cve(json.path("cveMetadata").path("cveId").asText()));
      if (Files.exists(target) && !force) {
        throw new UserException(target + " exists; use --force to overwrite");
      }
      write(target, yaml);
      cve.spec.commandLine().getOut().println("wrote " + target);
      return ExitCode.OK;
    }
  }

  @Command(name = "phrase", description = "Print the version phrase of affected entries.")
  static final class Phrase implements Callable<Integer> {
    @ParentCommand CveCommand cve;

    @Parameters(arity = "1..*", paramLabel = "RANGE")
    List<String> ranges;

    @Override
    public Integer call() {
      List<AffectedRange> parsed = new ArrayList<>();
      for (String r : ranges) {
        try {
          parsed.add(AffectedRange.parse(r));
        } catch (InvalidRangeException e) {
          throw new UserException("'" + r + "': " + e.getMessage());
        }
      }
      PrintWriter out = cve.spec.commandLine().getOut();
      parsed.forEach(p -> out.println(p.expression() + "\t" + VersionPhrase.of(p)));
      out.println(VersionPhrase.versionRange(parsed));
      return ExitCode.OK;
    }
  }
}
