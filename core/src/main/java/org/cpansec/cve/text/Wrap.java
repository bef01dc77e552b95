package org.cpansec.cve.text;

/**
 * Greedy word wrap to a column limit, as Perl's Text::Wrap does with {@code $columns = 72}: lines
 * hold at most 71 characters. A word longer than a line (a URL) stays whole on its own line, so
 * that it can still be copied.
 */
public final class Wrap {
  public static final int COLUMNS = 72;

  private Wrap() {}

  /** Wraps each paragraph (separated by blank lines) on its own; single newlines are spaces. */
  public static String wrap(String first, String rest, String text) {
    StringBuilder out = new StringBuilder();
    for (String paragraph : text.strip().split("\n{2,}")) {
      out.append(out.length() == 0 ? "" : "\n\n")
          .append(
              wrapParagraph(out.length() == 0 ? first : rest, rest, paragraph.replace('\n', ' ')));
    }
    return out.toString();
  }

  private static String wrapParagraph(String first, String rest, String text) {
    int max = COLUMNS - 1;
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder(first);
    boolean lineHasWord = false;
    for (String word : text.strip().split(" +")) {
      if (lineHasWord && line.length() + 1 + word.length() > max) {
        out.append(line).append('\n');
        line.setLength(0);
        line.append(rest);
        lineHasWord = false;
      }
      if (lineHasWord) {
        line.append(' ');
      }
      line.append(word);
      lineHasWord = true;
    }
    return out.append(line).toString();
  }
}
