package org.cpansec.cli.db;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.DatabaseSource;
import org.cpansec.cli.ExitCode;
import org.cpansec.cli.FormatOption;
import org.cpansec.cli.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cpansec db info}: where the data comes from, how old it is, how much there is. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Source, commit, date and counts of the advisory database in use.")
final class DbInfo implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin FormatOption format;
  @Mixin DbOptions options;

  @Override
  public Integer call() {
    DbOptions.Loaded loaded = options.load(spec.commandLine().getErr());
    AdvisoryDatabase db = loaded.db();
    DatabaseSource s = db.source();
    // A plain map, not a JSON tree: the text path stays clear of Jackson's start-up cost.
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("loaded_from", loaded.where());
    o.put("file", s.file());
    o.put("repository", s.repository());
    o.put("commit", s.commit());
    o.put("date", s.date());
    o.put("generated", s.generatedAt().map(Object::toString).orElse(null));
    o.put("cache_file", options.cacheFile().toString());
    o.put("advisories", db.all().size());
    o.put("entries", db.entryCount());
    o.put("distributions", db.distributions().size());
    o.put("releases", db.releaseCount());
    o.put("modules", db.module2dist().size());
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      ObjectNode json = Json.object();
      o.forEach((k, v) -> json.putPOJO(k, v));
      out.println(Json.write(json));
    } else {
      o.forEach((k, v) -> out.printf("%-14s %s%n", k.replace('_', ' '), v));
    }
    return ExitCode.OK;
  }
}
