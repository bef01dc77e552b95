package org.cpansec.cli.db;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.cpansec.advisory.Advisory;
import org.cpansec.cli.ExitCode;
import org.cpansec.cli.FormatOption;
import org.cpansec.cli.Json;
import org.cpansec.cli.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpansec db show ID}: every detail of an advisory, with where each part came from. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show an advisory by CPANSA id, CVE, GHSA or former id, with its origins.")
final class DbShow implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin FormatOption format;
  @Mixin DbOptions options;

  @Parameters(paramLabel = "ID", description = "CPANSA id, CVE id, GHSA id or former id.")
  String id;

  @Override
  public Integer call() {
    List<Advisory> found = options.load(spec.commandLine().getErr()).db().findAll(id);
    if (found.isEmpty()) {
      throw new UserException("no advisory has the id or alias " + id);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      var array = Json.array();
      found.forEach(a -> array.add(AdvisoryJson.full(a)));
      out.println(Json.write(array));
    } else {
      found.forEach(a -> AdvisoryText.full(a, out));
    }
    return ExitCode.OK;
  }
}
