package org.cpansec.cve.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How YAML text becomes CVE JSON text. Authors wrap prose at ~76 columns in YAML; the record wants
 * one line per paragraph. Unindented lines of a paragraph are joined with one space, indented lines
 * (code, lists) are kept verbatim, and paragraphs are separated by one blank line.
 */
public final class Prose {
  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

  private Prose() {}

  /** A paragraph-structured text: description, solution, mitigation. */
  public static String fold(String text) {
    String t = stripTrailing(text.replace("\r\n", "\n").replace('\r', '\n'));
    List<String> blocks = new ArrayList<>();
    List<String> current = new ArrayList<>();
    Boolean verbatim = null;
    for (String line : t.split("\n", -1)) {
      if (line.isBlank()) {
        flush(blocks, current, verbatim);
        verbatim = null;
        continue;
      }
      boolean indented = Character.isWhitespace(line.charAt(0));
      if (verbatim != null && verbatim != indented) {
        flush(blocks, current, verbatim);
      }
      verbatim = indented;
      current.add(line);
    }
    flush(blocks, current, verbatim);
    return String.join("\n\n", blocks);
  }

  /** A one-line text (the title): every run of white space becomes one space. */
  public static String singleLine(String text) {
    return WHITE_SPACE.matcher(stripTrailing(text.replace("\r\n", "\n"))).replaceAll(" ");
  }

  private static void flush(List<String> blocks, List<String> lines, Boolean verbatim) {
    if (lines.isEmpty()) {
      return;
    }
    if (Boolean.TRUE.equals(verbatim)) {
      blocks.add(String.join("\n", lines));
    } else {
      List<String> words = new ArrayList<>();
      for (String line : lines) {
        String s = line.strip();
        if (!s.isEmpty()) {
          words.add(s);
        }
      }
      blocks.add(String.join(" ", words));
    }
    lines.clear();
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }
}
