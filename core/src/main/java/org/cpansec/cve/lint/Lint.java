package org.cpansec.cve.lint;

import java.util.ArrayList;
import java.util.List;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.cve.record.LoadedRecord;

/** Runs a list of rules over a record. */
public final class Lint {
  private final List<LintRule> rules;

  public Lint(List<LintRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The rules of §7 that need nothing but the record. */
  public static Lint standard() {
    return new Lint(StandardRules.all());
  }

  /** The standard rules and those that check {@code affected} against the known releases. */
  public static Lint withReleases(AdvisoryDatabase db) {
    List<LintRule> rules = new ArrayList<>(StandardRules.all());
    rules.add(new ReleaseRules(db));
    return new Lint(rules);
  }

  public List<LintFinding> run(LoadedRecord record) {
    List<LintFinding> out = new ArrayList<>();
    for (LintRule rule : rules) {
      out.addAll(rule.check(record));
    }
    return out;
  }
}
