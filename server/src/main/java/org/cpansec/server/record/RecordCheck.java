package org.cpansec.server.record;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.cpansec.cve.json.BuildOptions;
import org.cpansec.cve.json.CanonicalJson;
import org.cpansec.cve.json.CveJsonBuilder;
import org.cpansec.cve.json.SchemaRejectedException;
import org.cpansec.cve.lint.Lint;
import org.cpansec.cve.lint.LintFinding;
import org.cpansec.cve.lint.Severity;
import org.cpansec.cve.record.CnaRecordReader;
import org.cpansec.cve.record.InvalidRecordException;
import org.cpansec.cve.record.LoadedRecord;
import org.cpansec.cve.record.RecordProblem;
import org.cpansec.cve.record.SourcePosition;
import org.cpansec.cve.schema.SchemaViolation;
import org.cpansec.cve.text.Announcement;
import org.cpansec.server.store.AdvisoryCatalog;
import org.springframework.stereotype.Component;

/**
 * Checks a record text the way {@code cpansec cve check} does, with core's own parts: the YAML and
 * the cpansec CNA schema ({@link CnaRecordReader}), lint with the release rules over the advisory
 * data the server serves ({@link Lint#withReleases}), the CVE JSON 5 build validated against the
 * official schema ({@link CveJsonBuilder}), and the announcement ({@link Announcement}).
 */
@Component
public class RecordCheck {
  private static final String YAML_PREFIX = "YAML syntax: ";

  private final AdvisoryCatalog catalog;
  private final CveJsonBuilder builder;

  public RecordCheck(AdvisoryCatalog catalog, RecordProperties properties) {
    this.catalog = catalog;
    this.builder =
        new CveJsonBuilder(new BuildOptions(properties.assignerOrgId(), properties.generator()));
  }

  /**
   * Checks {@code yaml}.
   *
   * @param strict count lint warnings as errors ({@code cve check --strict})
   * @param expectedCve the CVE ID the record is kept under; a record naming another is an error.
   *     Null: not compared.
   */
  public CheckResult check(String yaml, boolean strict, String expectedCve) {
    String text = normalise(yaml);
    List<Finding> errors = new ArrayList<>();
    List<Finding> warnings = new ArrayList<>();
    LoadedRecord loaded;
    try {
      loaded = CnaRecordReader.read(fileName(expectedCve), text);
    } catch (InvalidRecordException e) {
      for (RecordProblem p : e.problems()) {
        errors.add(problem(p));
      }
      return CheckResult.of(strict, errors, warnings, null, null);
    }
    String cve = loaded.record().cve().value();
    if (expectedCve != null && !expectedCve.equals(cve)) {
      errors.add(
          finding(
              "error",
              "cve_mismatch",
              loaded.positionOf("cve"),
              "cpansec.cve is "
                  + cve
                  + ", but this is the record of "
                  + expectedCve
                  + "; a record keeps the CVE ID it was started for"));
    }
    for (LintFinding f : Lint.withReleases(catalog.database()).run(loaded)) {
      Finding out = finding(f.severity().label(), f.rule(), f.position(), f.message());
      (f.blocks(strict) ? errors : warnings).add(out);
    }
    ObjectNode built;
    try {
      built = builder.record(loaded.record());
    } catch (SchemaRejectedException e) {
      for (SchemaViolation v : e.violations()) {
        errors.add(
            finding(
                "error",
                "cve_json_schema",
                loaded.positionOf(""),
                "the CVE JSON built from this record fails the CVE JSON 5.1.1 schema: " + v));
      }
      return CheckResult.of(strict, errors, warnings, null, null);
    }
    return CheckResult.of(
        strict, errors, warnings, CanonicalJson.write(built), Announcement.render(built));
  }

  /** Line ends as the reader counts them; a browser's form submission sends CRLF. */
  static String normalise(String yaml) {
    return yaml.replace("\r\n", "\n").replace('\r', '\n');
  }

  private static String fileName(String cve) {
    return (cve == null ? "record" : cve) + ".yaml";
  }

  private static Finding problem(RecordProblem p) {
    String message = p.message();
    if (message.startsWith(YAML_PREFIX)) {
      return finding("error", "yaml", p.position(), message.substring(YAML_PREFIX.length()));
    }
    return finding("error", "schema", p.position(), message);
  }

  private static Finding finding(String severity, String rule, SourcePosition at, String message) {
    return new Finding(severity, rule, at.line(), at.column(), message);
  }

  static boolean isError(Finding f) {
    return f.severity().equals(Severity.ERROR.label());
  }
}
