package org.cpansec.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.cpansec.cve.lint.LintFinding;
import org.cpansec.cve.record.RecordProblem;

/** The output of {@code cve check} in text, GitHub annotation or JSON form. */
final class CheckReport {
  private final String format;
  private final boolean strict;
  private final ArrayNode items = Json.array();
  private final StringBuilder text = new StringBuilder();
  private boolean blocking;

  CheckReport(String format, boolean strict) {
    if (!format.equals("text") && !format.equals("github") && !format.equals("json")) {
      throw new UserException("--format must be text, github or json, not '" + format + "'");
    }
    this.format = format;
    this.strict = strict;
  }

  void problem(RecordProblem p) {
    blocking = true;
    add("error", "schema", p.message(), p.file(), p.position().line(), p.position().column());
  }

  void finding(LintFinding f) {
    blocking |= f.blocks(strict);
    add(
        f.severity().label(),
        f.rule(),
        f.message(),
        f.file(),
        f.position().line(),
        f.position().column());
  }

  void stale(String rule, Path file, String remedy) {
    add("warning", rule, file + " is out of date; run '" + remedy + "'", file.toString(), 1, 1);
    blocking |= strict;
  }

  /** A file that could not be checked: reported, never silently dropped, never blocking. */
  void skipped(Path file, String why) {
    add("notice", "not_checked", why, file.toString(), 1, 1);
  }

  boolean blocking() {
    return blocking;
  }

  private void add(
      String severity, String rule, String message, String file, int line, int column) {
    ObjectNode o = items.addObject();
    o.put("severity", severity).put("rule", rule).put("message", message);
    o.put("file", file).put("line", line).put("column", column);
    if (format.equals("github")) {
      text.append("::")
          .append(severity)
          .append(" file=")
          .append(file)
          .append(",line=")
          .append(line)
          .append(",col=")
          .append(column)
          .append(",title=")
          .append(rule)
          .append("::")
          .append(message.replace("%", "%25").replace("\n", "%0A"))
          .append('\n');
    } else {
      text.append(file)
          .append(':')
          .append(line)
          .append(':')
          .append(column)
          .append(": ")
          .append(severity)
          .append(" [")
          .append(rule)
          .append("] ")
          .append(message)
          .append('\n');
    }
  }

  void print(PrintWriter out, int records) {
    if (format.equals("json")) {
      ObjectNode root = Json.object();
      root.put("records", records).put("blocking", blocking).set("findings", items);
      out.println(Json.write(root));
      return;
    }
    out.print(text);
    if (format.equals("text")) {
      out.println(
          records
              + " record(s) checked, "
              + items.size()
              + " finding(s)"
              + (blocking ? ", blocking" : ""));
    }
    out.flush();
  }
}
