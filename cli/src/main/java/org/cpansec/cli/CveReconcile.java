package org.cpansec.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cpansec.cve.json.BuildOptions;
import org.cpansec.cve.json.CveJsonBuilder;
import org.cpansec.cve.json.SchemaRejectedException;
import org.cpansec.cve.reconcile.Reconciler;
import org.cpansec.cve.reconcile.Reconciliation;
import org.cpansec.cve.reconcile.Reconciliation.State;
import org.cpansec.cve.reconcile.RecordSource;
import org.cpansec.cve.record.CnaRecordReader;
import org.cpansec.cve.record.CveId;
import org.cpansec.cve.record.InvalidRecordException;
import org.cpansec.cve.record.LoadedRecord;
import org.cpansec.cve.record.RecordProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cve reconcile}: local records against the published ones. */
@Command(
    name = "reconcile",
    description =
        "Compare local records with the published ones (GET {base}/{CVE}): in sync, differs"
            + " (field by field), missing remotely. Exit 1 when any is not in sync.")
final class CveReconcile implements Callable<Integer> {
  static final String DEFAULT_BASE = "https://cveawg.mitre.org/api/cve";

  @ParentCommand CveCommand cve;

  @Parameters(arity = "0..1", paramLabel = "CVE", description = "One record (default: all).")
  String id;

  @Option(
      names = "--api-base",
      paramLabel = "URL",
      defaultValue = DEFAULT_BASE,
      description =
          "CVE Services read API, or a file:// directory of CVE JSON (default: ${DEFAULT-VALUE}).")
  String apiBase;

  @Mixin FormatOption format;

  @Override
  public Integer call() {
    RecordSource source;
    try {
      source = RecordSource.forBase(URI.create(apiBase));
    } catch (IllegalArgumentException e) {
      throw new UserException("--api-base: " + e.getMessage());
    }
    List<Path> files = id == null ? cve.allRecords() : List.of(cve.yaml(cve.cve(id)));
    Reconciler reconciler = new Reconciler(source);
    List<Reconciliation> results = new ArrayList<>();
    for (Path f : files) {
      results.add(reconcile(reconciler, f));
    }
    print(results);
    if (results.stream().anyMatch(r -> r.state() == State.UNKNOWN)) {
      return ExitCode.ERROR;
    }
    return results.stream().allMatch(r -> r.state() == State.IN_SYNC)
        ? ExitCode.OK
        : ExitCode.FINDINGS;
  }

  private Reconciliation reconcile(Reconciler reconciler, Path file) {
    String name = file.getFileName().toString();
    CveId fromName =
        CveId.prefixOf(name)
            .orElseThrow(() -> new UserException(file + " is not named after a CVE id"));
    LoadedRecord local;
    try {
      local = CnaRecordReader.read(file);
      return reconciler.reconcile(
          local.record().cve(), new CveJsonBuilder(BuildOptions.defaults()).record(local.record()));
    } catch (IOException e) {
      return unknown(fromName, "cannot read " + file + ": " + e.getMessage());
    } catch (InvalidRecordException e) {
      return new Reconciliation(
          fromName, State.UNKNOWN, e.problems().stream().map(RecordProblem::toString).toList());
    } catch (SchemaRejectedException e) {
      return unknown(fromName, e.getMessage());
    }
  }

  private static Reconciliation unknown(CveId cve, String why) {
    return new Reconciliation(cve, State.UNKNOWN, List.of(why));
  }

  private void print(List<Reconciliation> results) {
    PrintWriter out = cve.spec.commandLine().getOut();
    if (format.json()) {
      ArrayNode array = Json.array();
      for (Reconciliation r : results) {
        ObjectNode o = array.addObject().put("cve", r.cve().value());
        o.put("state", r.state().name().toLowerCase());
        r.details().forEach(o.putArray("details")::add);
      }
      out.println(Json.write(Json.object().put("source", apiBase).set("records", array)));
    } else {
      for (Reconciliation r : results) {
        out.println(r.cve() + ": " + r.state().label());
        r.details().forEach(d -> out.println("  " + d.replace("\n", "\n  ")));
      }
    }
    out.flush();
  }
}
