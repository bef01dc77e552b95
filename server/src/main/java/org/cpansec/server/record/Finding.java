package org.cpansec.server.record;

import java.util.Objects;

/**
 * One thing the check found in a record, where core says it is.
 *
 * @param severity {@code error}, {@code warning} or {@code notice} (core's lint labels; YAML and
 *     schema problems are errors)
 * @param rule {@code yaml}, {@code schema}, {@code cve_json_schema}, {@code cve_mismatch} or a lint
 *     rule id of core
 * @param line the line, counted from 1
 * @param column the column, counted from 1
 * @param message what is wrong, in core's words
 */
public record Finding(String severity, String rule, int line, int column, String message) {
  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }

  /** {@code 12:5} */
  public String where() {
    return line + ":" + column;
  }
}
