package org.cpansec.cve.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes CNA YAML the way the group's records are laid out: prose as literal blocks wrapped at 76
 * columns, versions quoted, plain scalars only where YAML cannot misread them.
 */
final class CnaYamlWriter {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_:./#?&=%+~@,;()-]*");
  private static final int WIDTH = 76;

  private final StringBuilder out = new StringBuilder("cpansec:\n");

  void scalar(String key, String value) {
    out.append("  ").append(key).append(": ").append(inline(value)).append('\n');
  }

  void blank() {
    out.append('\n');
  }

  void list(String key, List<String> values, boolean quoted) {
    out.append("  ").append(key).append(":\n");
    for (String v : values) {
      out.append("    - ").append(quoted ? quote(v) : inline(v)).append('\n');
    }
  }

  /** A prose field: a literal block, paragraphs wrapped, indented blocks kept as they are. */
  void block(String key, String text) {
    out.append("  ").append(key).append(": ");
    appendBlock(text, "    ");
  }

  void blockList(String key, List<String> texts) {
    out.append("  ").append(key).append(":\n");
    for (String t : texts) {
      out.append("    - ");
      appendBlock(t, "      ");
    }
  }

  /** Raw lines of a nested structure (references, credits, timeline), already indented. */
  void raw(String lines) {
    out.append(lines);
  }

  String text() {
    return out.toString();
  }

  static String inline(String value) {
    return PLAIN.matcher(value).matches() && !value.endsWith(":") && !value.contains(": ")
        ? value
        : quote(value);
  }

  static String quote(String value) {
    try {
      return CanonicalJson.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string always serialises", e);
    }
  }

  private void appendBlock(String text, String indent) {
    boolean leadingSpace = !text.isEmpty() && Character.isWhitespace(text.charAt(0));
    // An explicit indentation indicator when the text itself starts indented, or YAML would take
    // that indentation as the block's own.
    out.append(leadingSpace ? "|2" : "|").append('\n');
    for (String paragraph : text.split("\n\n", -1)) {
      boolean verbatim =
          paragraph.lines().anyMatch(l -> !l.isEmpty() && Character.isWhitespace(l.charAt(0)));
      if (verbatim) {
        paragraph.lines().forEach(l -> out.append(l.isEmpty() ? "" : indent + l).append('\n'));
      } else {
        for (String line : wrap(paragraph.replace('\n', ' '), WIDTH - indent.length())) {
          out.append(indent).append(line).append('\n');
        }
      }
      out.append('\n');
    }
    out.setLength(out.length() - 1);
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split(" +")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
