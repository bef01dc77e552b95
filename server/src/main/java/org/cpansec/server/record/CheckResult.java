package org.cpansec.server.record;

import java.util.List;

/**
 * What the check of a record text says: the findings that block (errors; with strict, warnings
 * too), those that do not, and, when the record reads and builds into schema-valid CVE JSON, the
 * two previews. This is the JSON the check endpoint answers and what the editor page shows.
 *
 * @param valid nothing blocks
 * @param strict whether warnings were counted as errors
 * @param errors the blocking findings, in the order found
 * @param warnings the other findings (warnings, notices)
 * @param cveJson the CVE JSON 5 record as core writes it (sorted keys), or null
 * @param announcement the cve-announce text, or null
 * @param summary one sentence: valid or not, how many errors and warnings
 */
public record CheckResult(
    boolean valid,
    boolean strict,
    List<Finding> errors,
    List<Finding> warnings,
    String cveJson,
    String announcement,
    String summary) {
  public CheckResult {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  /** A result, with its summary sentence. */
  public static CheckResult of(
      boolean strict,
      List<Finding> errors,
      List<Finding> warnings,
      String cveJson,
      String announcement) {
    boolean valid = errors.isEmpty();
    String counts = count(errors.size(), "error") + ", " + count(warnings.size(), "warning");
    String summary =
        (valid ? "Valid: " : "Invalid: ")
            + counts
            + (strict ? " (strict: warnings count as errors)" : "")
            + (cveJson == null ? "; no preview until the record builds." : ".");
    return new CheckResult(valid, strict, errors, warnings, cveJson, announcement, summary);
  }

  /** No check was run (the text was refused before); says why. */
  public static CheckResult notChecked(String why) {
    return new CheckResult(false, false, List.of(), List.of(), null, null, why);
  }

  private static String count(int n, String what) {
    return (n == 0 ? "no" : Integer.toString(n)) + " " + what + (n == 1 ? "" : "s");
  }

  /** Every finding, blocking first: what is stored with a saved version. */
  public List<Finding> all() {
    return java.util.stream.Stream.concat(errors.stream(), warnings.stream()).toList();
  }
}
