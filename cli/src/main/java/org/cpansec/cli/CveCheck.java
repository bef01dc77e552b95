package org.cpansec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.AdvisoryFormatException;
import org.cpansec.cve.json.BuildOptions;
import org.cpansec.cve.json.CanonicalJson;
import org.cpansec.cve.json.CveJsonBuilder;
import org.cpansec.cve.json.SchemaRejectedException;
import org.cpansec.cve.lint.Lint;
import org.cpansec.cve.record.CnaRecordReader;
import org.cpansec.cve.record.CveId;
import org.cpansec.cve.record.InvalidRecordException;
import org.cpansec.cve.record.LoadedRecord;
import org.cpansec.cve.record.RecordProblem;
import org.cpansec.cve.text.Announcement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cve check}: schema (with file:line) and lint over one, all or the changed records. */
@Command(
    name = "check",
    description = "Schema (with file:line) and lint; exit 1 on blocking findings.")
final class CveCheck implements Callable<Integer> {
  /** The first bytes of every file git-crypt has encrypted. */
  private static final byte[] GIT_CRYPT = "\0GITCRYPT".getBytes(StandardCharsets.US_ASCII);

  @ParentCommand CveCommand cve;

  @Parameters(arity = "0..1", paramLabel = "CVE")
  String id;

  @Option(names = "--all", description = "Check every record under cves/ and encrypted/.")
  boolean all;

  @Option(
      names = "--changed",
      description =
          "Check the records changed in the git checkout: since the merge base with --base (default:"
              + " origin/HEAD, main or master), and in the working tree.")
  boolean changed;

  @Option(names = "--base", paramLabel = "REF", description = "Base branch for --changed.")
  Optional<String> base;

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description =
          "CPANSA JSON database whose release lists the release checks use (default: the bundled"
              + " snapshot).")
  Path db;

  @Option(names = "--strict", description = "Warnings block too.")
  boolean strict;

  @Option(names = "--format", defaultValue = "text", description = "text, github or json")
  String format;

  @Override
  public Integer call() throws IOException {
    CheckReport report = new CheckReport(format, strict);
    List<Path> files = selected();
    Lint lint = Lint.withReleases(database());
    CveJsonBuilder builder = new CveJsonBuilder(BuildOptions.defaults());
    for (Path f : files) {
      if (encrypted(f)) {
        report.skipped(f, "encrypted, skipped (needs git-crypt unlock)");
        continue;
      }
      try {
        LoadedRecord r = CnaRecordReader.read(f);
        lint.run(r).forEach(report::finding);
        outputs(r, f, builder, report);
      } catch (InvalidRecordException e) {
        e.problems().forEach(report::problem);
      }
    }
    report.print(cve.spec.commandLine().getOut(), files.size());
    return report.blocking() ? ExitCode.FINDINGS : ExitCode.OK;
  }

  private AdvisoryDatabase database() {
    if (db == null) {
      return AdvisoryDatabase.bundled();
    }
    try {
      return AdvisoryDatabase.load(db);
    } catch (IOException | AdvisoryFormatException e) {
      throw new UserException("cannot read " + db + ": " + e.getMessage());
    }
  }

  private List<Path> selected() {
    if ((all ? 1 : 0) + (changed ? 1 : 0) + (id != null ? 1 : 0) > 1) {
      throw new UserException("give one of CVE, --all or --changed");
    }
    if (all) {
      List<Path> files = new ArrayList<>(cve.allRecords());
      files.addAll(cve.records(cve.root().resolve("encrypted")));
      return files;
    }
    if (changed) {
      return GitChanges.of(cve.root()).changed(base).stream().filter(this::isRecord).toList();
    }
    CveId c = cve.cve(id);
    Path file = cve.yaml(c);
    Path sealed = cve.root().resolve("encrypted").resolve(c + ".yaml");
    if (!Files.isRegularFile(file) && Files.isRegularFile(sealed)) {
      return List.of(sealed);
    }
    if (!Files.isRegularFile(file)) {
      boolean reserved = Files.exists(cve.root().resolve("reserved").resolve(c.value()));
      throw new UserException(
          "no record "
              + file
              + (reserved ? " (" + c + " is reserved: 'cpansec cve init " + c + " MODULE')" : ""));
    }
    return List.of(file);
  }

  private boolean isRecord(Path changedFile) {
    Path dir = changedFile.getParent();
    return changedFile.getFileName().toString().endsWith(".yaml")
        && (same(dir, cve.root().resolve("cves")) || same(dir, cve.root().resolve("encrypted")));
  }

  private static boolean same(Path a, Path b) {
    try {
      return Files.isDirectory(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      throw new UserException("cannot compare " + a + " and " + b + ": " + e.getMessage());
    }
  }

  static boolean encrypted(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(GIT_CRYPT.length), GIT_CRYPT);
    } catch (IOException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** The JSON beside the record and its announcement, when they exist, must be current. */
  private void outputs(LoadedRecord r, Path yaml, CveJsonBuilder builder, CheckReport report)
      throws IOException {
    Path json = yaml.resolveSibling(r.record().cve() + ".json");
    Path mail = cve.root().resolve("announce").resolve(r.record().cve() + ".txt");
    if (!Files.isRegularFile(json) && !Files.isRegularFile(mail)) {
      return;
    }
    JsonNode built;
    try {
      built = builder.record(r.record());
    } catch (SchemaRejectedException e) {
      report.problem(new RecordProblem(r.file(), r.positionOf(""), e.getMessage()));
      return;
    }
    if (Files.isRegularFile(json) && !CanonicalJson.read(Files.readString(json)).equals(built)) {
      report.stale("json_out_of_date", json, "cpansec cve build");
    }
    if (Files.isRegularFile(mail) && !Files.readString(mail).equals(Announcement.render(built))) {
      report.stale("announce_out_of_date", mail, "cpansec cve announce --write");
    }
  }
}
