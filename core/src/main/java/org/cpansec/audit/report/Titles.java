package org.cpansec.audit.report;

import org.cpansec.advisory.Advisory;

/**
 * A one-line title for any advisory. Most CPANSA entries have a description and no title; their
 * first sentence serves, shortened to fit a line.
 */
final class Titles {
  private static final int MAX = 100;

  /** A full stop after a word and before a capital: "… symlinks. The fix …", not "from . (cwd)". */
  private static final java.util.regex.Pattern SENTENCE_END =
      java.util.regex.Pattern.compile("(?<=[A-Za-z0-9)\\]])\\.\\s+(?=[A-Z])");

  private Titles() {}

  static String of(Advisory a) {
    String text = a.title();
    if (text == null || text.isBlank()) {
      text = a.description() == null ? "" : a.description().strip();
      java.util.regex.Matcher end = SENTENCE_END.matcher(text);
      if (end.find()) {
        text = text.substring(0, end.start() + 1);
      }
    }
    text = text.replaceAll("\\s+", " ").strip();
    if (text.isEmpty()) {
      return a.id();
    }
    return text.length() <= MAX ? text : text.substring(0, MAX - 1).stripTrailing() + "…";
  }
}
