package org.cpansec.server.mailin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces an HTML mail body to plain text for a report when the message has no text/plain part:
 * scripts and styles removed, block ends become line breaks, tags dropped, the common entities
 * decoded. The text is only ever stored and shown escaped, so this is about legibility, not safety.
 */
final class HtmlText {
  private static final Pattern INVISIBLE =
      Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");
  private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
  private static final Pattern BREAK =
      Pattern.compile("(?i)<(br|/p|/div|/li|/tr|/h[1-6]|/blockquote|/pre|hr)\\b[^>]*>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
  private static final Pattern NUMERIC = Pattern.compile("&#(x[0-9a-fA-F]{1,6}|[0-9]{1,7});");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f]+");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n(\\s*\\n)+");

  private HtmlText() {}

  static String toText(String html) {
    String s = INVISIBLE.matcher(html).replaceAll(" ");
    s = COMMENT.matcher(s).replaceAll(" ");
    s = s.replace("\r\n", "\n").replace('\r', '\n').replace('\n', ' ');
    s = BREAK.matcher(s).replaceAll("\n");
    s = TAG.matcher(s).replaceAll("");
    s = numeric(s);
    s =
        s.replace("&nbsp;", " ")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
    s = SPACES.matcher(s).replaceAll(" ");
    s = s.lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("");
    return BLANK_LINES.matcher(s).replaceAll("\n\n").strip();
  }

  private static String numeric(String s) {
    Matcher m = NUMERIC.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String n = m.group(1);
      int cp;
      try {
        cp = n.startsWith("x") ? Integer.parseInt(n.substring(1), 16) : Integer.parseInt(n);
      } catch (NumberFormatException e) {
        cp = -1;
      }
      String replacement =
          Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "";
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
