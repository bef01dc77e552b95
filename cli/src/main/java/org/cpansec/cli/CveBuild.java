package org.cpansec.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cpansec.cve.json.CanonicalJson;
import org.cpansec.cve.record.LoadedRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cve build}: CVE JSON 5 beside each record, validated before it is written. */
@Command(
    name = "build",
    description = "Write cves/CVE.json (validated first; never written if invalid).")
final class CveBuild implements Callable<Integer> {
  @ParentCommand CveCommand cve;

  @Parameters(arity = "0..1", paramLabel = "CVE")
  String id;

  @Option(names = "--all", description = "Build every record under cves/.")
  boolean all;

  @Override
  public Integer call() {
    if (all && id != null) {
      throw new UserException("give a CVE or --all, not both");
    }
    if (!all) {
      Path out = buildOne(cve.yaml(cve.cve(id)));
      cve.spec.commandLine().getOut().println("wrote " + out);
      return ExitCode.OK;
    }
    List<Path> files = cve.allRecords();
    int failed = 0;
    for (String problem : buildAll(files)) {
      if (problem != null) {
        // One bad record must not hide the state of the others: say which, fail at the end.
        cve.spec.commandLine().getErr().println("cpansec: " + problem);
        failed++;
      }
    }
    cve.spec
        .commandLine()
        .getOut()
        .println("wrote " + (files.size() - failed) + " of " + files.size() + " record(s)");
    if (failed > 0) {
      throw new UserException(failed + " record(s) not built (see above)");
    }
    return ExitCode.OK;
  }

  /** Per file, in order: null when written, else why not. */
  private List<String> buildAll(List<Path> files) {
    // Records are independent and writing 1,000 files mostly waits on the disk: a few threads
    // overlap those waits. Results are collected in file order, so the output is stable.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (Path yaml : files) {
        results.add(pool.submit(() -> problemOf(yaml)));
      }
      List<String> out = new ArrayList<>();
      for (Future<String> f : results) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted while building");
    } catch (ExecutionException e) {
      // problemOf turns every UserException into a result; anything else is a bug.
      throw new IllegalStateException("building failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private String problemOf(Path yaml) {
    try {
      buildOne(yaml);
      return null;
    } catch (UserException e) {
      return e.getMessage();
    }
  }

  private Path buildOne(Path yaml) {
    LoadedRecord r = cve.load(yaml);
    Path out = yaml.resolveSibling(r.record().cve() + ".json");
    CveCommand.write(out, CanonicalJson.write(cve.build(r, false)));
    return out;
  }
}
