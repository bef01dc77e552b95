package org.cpansec.cli.db;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.cli.ExitCode;
import org.cpansec.cli.FormatOption;
import org.cpansec.cli.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cpansec db search TEXT}: a distribution name, a module name (mapped to its distribution),
 * or words that must all appear in an advisory's id, aliases, title or description.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = "Find advisories by distribution, module, or words in their text.")
final class DbSearch implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin FormatOption format;
  @Mixin DbOptions options;

  @Parameters(arity = "1..*", paramLabel = "TEXT", description = "Distribution, module or words.")
  List<String> words;

  @Override
  public Integer call() {
    AdvisoryDatabase db = options.load(spec.commandLine().getErr()).db();
    List<Advisory> hits = search(db, words);
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      var array = Json.array();
      hits.forEach(a -> array.add(AdvisoryJson.summary(a)));
      out.println(Json.write(array));
    } else if (hits.isEmpty()) {
      out.println("no advisory matches " + String.join(" ", words));
    } else {
      hits.forEach(a -> out.println(AdvisoryText.oneLine(a)));
    }
    return ExitCode.OK;
  }

  static List<Advisory> search(AdvisoryDatabase db, List<String> words) {
    String all = String.join(" ", words).strip();
    Set<Advisory> hits = new LinkedHashSet<>(db.advisoriesFor(all));
    db.distributionOfModule(all).ifPresent(d -> hits.addAll(db.advisoriesFor(d)));
    if (all.contains("::")) {
      hits.addAll(db.advisoriesFor(all.replace("::", "-")));
    }
    List<String> needles = new ArrayList<>();
    words.forEach(w -> needles.addAll(List.of(w.toLowerCase(Locale.ROOT).split("\\s+"))));
    for (Advisory a : db.all()) {
      String hay = haystack(a);
      if (needles.stream().allMatch(hay::contains)) {
        hits.add(a);
      }
    }
    return List.copyOf(hits);
  }

  private static String haystack(Advisory a) {
    return (a.id()
            + " "
            + String.join(" ", a.aliases())
            + " "
            + a.distribution()
            + " "
            + (a.title() == null ? "" : a.title())
            + " "
            + (a.description() == null ? "" : a.description()))
        .toLowerCase(Locale.ROOT);
  }
}
