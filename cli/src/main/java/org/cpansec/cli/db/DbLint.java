package org.cpansec.cli.db;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.LintFinding;
import org.cpansec.advisory.LintKind;
import org.cpansec.cli.ExitCode;
import org.cpansec.cli.FormatOption;
import org.cpansec.cli.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cpansec db lint}: every oddity of the data, with counts per kind and locations. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = "Report the oddities of the advisory data: counts per kind, then each finding.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no findings", "1:findings", "2:the data could not be read"})
final class DbLint implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin FormatOption format;
  @Mixin DbOptions options;

  @Option(names = "--summary", description = "Only the counts per kind.")
  boolean summary;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      split = ",",
      description = "Only these kinds (e.g. bare-version,impossible-range).")
  List<String> kinds;

  @Override
  public Integer call() {
    AdvisoryDatabase db = options.load(spec.commandLine().getErr()).db();
    List<LintFinding> findings =
        db.lint().stream().filter(f -> kinds == null || kinds.contains(f.kind().label())).toList();
    Map<LintKind, Integer> counts = db.lintCounts();
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      ObjectNode o = Json.object();
      ObjectNode c = o.putObject("counts");
      counts.forEach((k, n) -> c.put(k.label(), n));
      if (!summary) {
        var array = o.putArray("findings");
        findings.forEach(f -> array.add(AdvisoryJson.finding(f)));
      }
      out.println(Json.write(o));
    } else {
      counts.forEach(
          (k, n) -> {
            if (n > 0) {
              out.printf("%6d  %-31s %s%n", n, k.label(), k.meaning());
            }
          });
      out.printf("%6d  total%n", db.lint().size());
      if (!summary) {
        out.println();
        findings.forEach(out::println);
      }
    }
    return findings.isEmpty() ? ExitCode.OK : ExitCode.FINDINGS;
  }
}
