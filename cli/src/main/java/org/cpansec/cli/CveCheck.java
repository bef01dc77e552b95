package org.cpansec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.cpansec.cve.json.BuildOptions;
import org.cpansec.cve.json.CanonicalJson;
import org.cpansec.cve.json.CveJsonBuilder;
import org.cpansec.cve.json.SchemaRejectedException;
import org.cpansec.cve.lint.Lint;
import org.cpansec.cve.lint.LintFinding;
import org.cpansec.cve.record.CnaRecordReader;
import org.cpansec.cve.record.InvalidRecordException;
import org.cpansec.cve.record.LoadedRecord;
import org.cpansec.cve.record.RecordProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cve check}: schema (with file:line) and lint over one, all or the changed records. */
@Command(
    name = "check",
    description = "Schema (with file:line) and lint; exit 1 on blocking findings.")
final class CveCheck implements Callable<Integer> {
  @ParentCommand CveCommand cve;

  @Parameters(arity = "0..1", paramLabel = "CVE")
  String id;

  @Option(names = "--all", description = "Check every record under cves/.")
  boolean all;

  @Option(names = "--strict", description = "Warnings block too.")
  boolean strict;

  @Option(names = "--format", defaultValue = "text", description = "text, github or json")
  String format;

  @Override
  public Integer call() throws IOException {
    List<Path> files = new ArrayList<>();
    if (all) {
      try (Stream<Path> s = Files.list(cve.root().resolve("cves"))) {
        s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UserException(
            "cannot list " + cve.root().resolve("cves") + ": " + e.getMessage());
      }
    } else {
      files.add(cve.yaml(cve.cve(id)));
    }
    CheckReport report = new CheckReport(format, strict);
    Lint lint = Lint.standard();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new UserException("no record " + f);
      }
      try {
        LoadedRecord r = CnaRecordReader.read(f);
        List<LintFinding> findings = lint.run(r);
        findings.forEach(report::finding);
        staleJson(r, f, report);
      } catch (InvalidRecordException e) {
        e.problems().forEach(report::problem);
      }
    }
    PrintWriter out = cve.spec.commandLine().getOut();
    report.print(out, files.size());
    return report.blocking() ? ExitCode.FINDINGS : ExitCode.OK;
  }

  private void staleJson(LoadedRecord r, Path yaml, CheckReport report) throws IOException {
    Path json = yaml.resolveSibling(r.record().cve() + ".json");
    if (!Files.isRegularFile(json)) {
      return;
    }
    try {
      JsonNode built = new CveJsonBuilder(BuildOptions.defaults()).record(r.record());
      if (!CanonicalJson.read(Files.readString(json)).equals(built)) {
        report.stale(json);
      }
    } catch (SchemaRejectedException e) {
      report.problem(new RecordProblem(r.file(), r.positionOf(""), e.getMessage()));
    }
  }
}
