package org.cpansec.server.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.cpansec.cve.record.CveId;
import org.cpansec.cve.record.DistributionName;
import org.cpansec.cve.record.ModuleName;
import org.cpansec.cve.record.RecordStub;

/**
 * The text a new record starts from: core's {@code cpansec cve init} skeleton ({@link RecordStub})
 * for the case's CVE ID and distribution, with the case's title and affected versions written into
 * the skeleton's {@code title} and {@code affected} lines. What the case does not know stays the
 * skeleton's placeholder, which lint reports until someone fills it in.
 */
final class RecordTemplate {
  /** The skeleton's lines this fills in (core's {@code RecordStub} text). */
  private static final String TITLE_TAIL = " {{VERSION_RANGE}} for Perl TODO what is wrong\n";

  private static final String AFFECTED_TODO = "  affected:\n    - \"TODO\"\n";
  private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*[,;\\n]\\s*");
  private static final Pattern VALID_DISTRIBUTION = Pattern.compile("[A-Za-z0-9_-]+");

  private RecordTemplate() {}

  static String of(CaseRow kase, String cve) {
    String dist = kase.distribution() == null ? "" : kase.distribution().strip();
    DistributionName distribution =
        VALID_DISTRIBUTION.matcher(dist).matches()
            ? DistributionName.of(dist)
            : DistributionName.of("TODO-Distribution");
    ModuleName module = ModuleName.of(distribution.value().replace("-", "::"));
    String yaml = RecordStub.yaml(CveId.of(cve), module, distribution);
    String title = titleWords(kase.title(), module.value());
    if (!title.isEmpty()) {
      // The title's first line in the skeleton: "<Module> {{VERSION_RANGE}} for Perl TODO ...".
      yaml =
          yaml.replaceFirst(
              Pattern.quote(module.value() + TITLE_TAIL),
              java.util.regex.Matcher.quoteReplacement(
                  module.value() + " {{VERSION_RANGE}} for Perl " + title + "\n"));
    }
    List<String> affected = affected(kase.affectedVersions());
    if (!affected.isEmpty()) {
      StringBuilder b = new StringBuilder("  affected:\n");
      affected.forEach(a -> b.append("    - ").append(quoted(a)).append('\n'));
      yaml = yaml.replace(AFFECTED_TODO, b.toString());
    }
    return yaml;
  }

  /**
   * The case title as the rest of a record title: one line, the module name not repeated at the
   * start, no final punctuation (the title lint rules).
   */
  static String titleWords(String caseTitle, String module) {
    if (caseTitle == null) {
      return "";
    }
    String t = caseTitle.strip().replaceAll("\\s+", " ");
    if (t.toLowerCase(Locale.ROOT).startsWith(module.toLowerCase(Locale.ROOT))) {
      t = t.substring(module.length()).replaceFirst("^\\s*[:,\\-–—]?\\s*", "");
    }
    return t.replaceFirst("[.!;:,]+$", "").strip();
  }

  /** The case's affected versions, one entry per comma, semicolon or line. */
  static List<String> affected(String versions) {
    List<String> out = new ArrayList<>();
    if (versions == null) {
      return out;
    }
    for (String part : LIST_SEPARATOR.split(versions.strip())) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
