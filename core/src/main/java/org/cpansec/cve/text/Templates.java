package org.cpansec.cve.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.cve.record.AffectedRange;

/**
 * {@code {{TOKEN}}} templates in titles and descriptions. Only {@code {{VERSION_RANGE}}} is known;
 * any other token stays in the text as written, so that the lint can show it.
 */
public final class Templates {
  private static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*([^{}]+?)\\s*\\}\\}");

  private Templates() {}

  public static String expand(String text, List<AffectedRange> affected) {
    Matcher m = TOKEN.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value =
          m.group(1).equals("VERSION_RANGE") ? VersionPhrase.versionRange(affected) : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The tokens left unresolved after expansion, plus stray {@code {{} or {@code }}}. */
  public static List<String> unresolved(String expanded) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(expanded);
    while (m.find()) {
      out.add(m.group());
    }
    String rest = TOKEN.matcher(expanded).replaceAll("");
    if (rest.contains("{{") || rest.contains("}}")) {
      out.add("unmatched template delimiter");
    }
    return out;
  }
}
