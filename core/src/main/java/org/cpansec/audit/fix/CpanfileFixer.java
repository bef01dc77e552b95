package org.cpansec.audit.fix;

import java.util.ArrayList;
import java.util.List;
import org.cpansec.version.Constraint;
import org.cpansec.version.InvalidRangeException;
import org.cpansec.version.Operator;
import org.cpansec.version.VersionRange;

/**
 * Rewrites the version requirements of cpanfile statements. For each {@link Raise} it finds the
 * quoted module name on the statement's line, then the requirement after the comma or fat comma:
 *
 * <ul>
 *   <li>a bare version ({@code '1.02'}) becomes the new minimum;
 *   <li>a range keeps its other constraints and gets {@code >= NEW} in place of its lower bound;
 *   <li>no requirement at all ({@code requires 'Foo';}) gets {@code , 'NEW'} added.
 * </ul>
 *
 * A statement whose requirement is an expression, or whose upper bound would exclude the new
 * minimum, is left alone and reported.
 */
public final class CpanfileFixer {

  /** The outcome for one file. */
  public record Result(String text, List<Change> changes, List<Skipped> skipped) {}

  /** A line that was rewritten. */
  public record Change(int line, String before, String after) {}

  /** A statement left alone, and why. */
  public record Skipped(int line, String name, String reason) {}

  private CpanfileFixer() {}

  public static Result apply(String text, List<Raise> raises) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    List<Change> changes = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (Raise r : raises) {
      if (r.line() < 1 || r.line() > lines.size()) {
        skipped.add(new Skipped(r.line(), r.name(), "line " + r.line() + " is not in the file"));
        continue;
      }
      String before = lines.get(r.line() - 1);
      try {
        String after = rewrite(before, r);
        if (!after.equals(before)) {
          lines.set(r.line() - 1, after);
          changes.add(new Change(r.line(), before, after));
        }
      } catch (CannotRewrite e) {
        skipped.add(new Skipped(r.line(), r.name(), e.getMessage()));
      }
    }
    String joined = String.join("\n", lines) + (text.endsWith("\n") ? "\n" : "");
    return new Result(joined, changes, skipped);
  }

  private static String rewrite(String line, Raise r) {
    int name = findQuoted(line, r.name());
    if (name < 0) {
      throw new CannotRewrite("'" + r.name() + "' is not quoted on this line");
    }
    char quote = line.charAt(name);
    int afterName = name + r.name().length() + 2;
    int i = skipSpace(line, afterName);
    if (i >= line.length() || line.charAt(i) == ';' || line.charAt(i) == ')') {
      return line.substring(0, afterName)
          + ", "
          + quote
          + r.minimumText()
          + quote
          + line.substring(afterName);
    }
    if (line.startsWith("=>", i)) {
      i += 2;
    } else if (line.charAt(i) == ',') {
      i += 1;
    } else {
      throw new CannotRewrite("expected ',' or '=>' after the name");
    }
    i = skipSpace(line, i);
    if (i >= line.length()) {
      throw new CannotRewrite("the requirement is on another line; raise it by hand");
    }
    char q = line.charAt(i);
    if (q == '\'' || q == '"') {
      int end = line.indexOf(q, i + 1);
      if (end < 0) {
        throw new CannotRewrite("unterminated string");
      }
      String raised = raised(line.substring(i + 1, end), r);
      return line.substring(0, i + 1) + raised + line.substring(end);
    }
    int end = i;
    while (end < line.length()
        && (Character.isDigit(line.charAt(end))
            || line.charAt(end) == '.'
            || line.charAt(end) == '_')) {
      end++;
    }
    if (end == i) {
      throw new CannotRewrite("the requirement is an expression; raise it by hand");
    }
    raised(line.substring(i, end), r);
    return line.substring(0, i) + quote + r.minimumText() + quote + line.substring(end);
  }

  /** The requirement text with its lower bound raised; refuses when the result would not hold. */
  private static String raised(String requirement, Raise r) {
    VersionRange old;
    try {
      old = VersionRange.parseRequirement(requirement.isBlank() ? "0" : requirement);
    } catch (InvalidRangeException e) {
      throw new CannotRewrite(
          "the requirement '" + requirement + "' cannot be read: " + e.reason());
    }
    List<String> kept = new ArrayList<>();
    for (Constraint c : old.constraints()) {
      if (c.op() != Operator.GE && c.op() != Operator.GT) {
        kept.add(c.op().symbol() + " " + c.version());
      }
    }
    String result =
        kept.isEmpty() ? r.minimumText() : ">= " + r.minimumText() + ", " + String.join(", ", kept);
    VersionRange now = VersionRange.parseRequirement(result);
    if (!now.contains(r.minimum())) {
      throw new CannotRewrite(
          "the requirement '"
              + requirement
              + "' excludes "
              + r.minimumText()
              + " (an upper bound or exact version); change it by hand");
    }
    return result;
  }

  private static int findQuoted(String line, String name) {
    for (char q : new char[] {'\'', '"'}) {
      int at = line.indexOf(q + name + q);
      if (at >= 0) {
        return at;
      }
    }
    return -1;
  }

  private static int skipSpace(String line, int i) {
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Why a statement is left alone. */
  private static final class CannotRewrite extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CannotRewrite(String message) {
      super(message, null, false, false);
    }
  }
}
