package org.cpansec.server.mail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The mail templates' own small language: literal text and placeholders {@code {{name}}} (spaces
 * inside the braces allowed, names of lower-case letters, digits and underscores, starting with a
 * letter). Nothing else: no expressions, no method calls, no escapes, no conditionals — a template
 * can only repeat the values it is given. A value is inserted as it is (mail is plain text).
 *
 * <p>Every {@code {{} must open a well-formed placeholder; a broken one is an error at parse time
 * with its line and column. Rendering without a value for a placeholder the text uses is an error
 * naming it, never a blank.
 */
public final class PlaceholderTemplate {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private final String source;

  /** Literal strings and names, alternating: even indexes literals, odd indexes names. */
  private final List<String> pieces;

  private PlaceholderTemplate(String source, List<String> pieces) {
    this.source = source;
    this.pieces = pieces;
  }

  /** Parses a template text; throws with every syntax problem found. */
  public static PlaceholderTemplate parse(String text) {
    List<String> problems = new ArrayList<>();
    List<String> pieces = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf("{{", i);
      if (open < 0) {
        literal.append(text, i, text.length());
        break;
      }
      literal.append(text, i, open);
      int close = text.indexOf("}}", open + 2);
      int nextOpen = text.indexOf("{{", open + 2);
      if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
        problems.add(at(text, open) + ": \"{{\" is not closed by \"}}\"");
        i = open + 2;
        continue;
      }
      String name = text.substring(open + 2, close).strip();
      if (!NAME.matcher(name).matches()) {
        problems.add(
            at(text, open)
                + ": \""
                + shorten(text.substring(open, close + 2))
                + "\" is not a placeholder; expected {{name}} with a name of lower-case letters,"
                + " digits and _");
      } else {
        pieces.add(literal.toString());
        pieces.add(name);
        literal.setLength(0);
      }
      i = close + 2;
    }
    pieces.add(literal.toString());
    if (!problems.isEmpty()) {
      throw new MailTemplateException(problems);
    }
    return new PlaceholderTemplate(text, List.copyOf(pieces));
  }

  /** The text as written. */
  public String source() {
    return source;
  }

  /** The names this text uses, in order of first use. */
  public Set<String> placeholders() {
    Set<String> names = new LinkedHashSet<>();
    for (int i = 1; i < pieces.size(); i += 2) {
      names.add(pieces.get(i));
    }
    return names;
  }

  /** Names this text uses that are not among {@code allowed}, in order of first use. */
  public List<String> unknown(Set<String> allowed) {
    return placeholders().stream().filter(n -> !allowed.contains(n)).toList();
  }

  /** Fills in the values; throws naming every placeholder without a value. */
  public String render(Map<String, String> values) {
    List<String> missing = new ArrayList<>();
    for (String name : placeholders()) {
      if (values.get(name) == null) {
        missing.add("no value for {{" + name + "}}");
      }
    }
    if (!missing.isEmpty()) {
      throw new MailTemplateException(missing);
    }
    StringBuilder out = new StringBuilder(source.length() + 64);
    for (int i = 0; i < pieces.size(); i++) {
      out.append(i % 2 == 0 ? pieces.get(i) : values.get(pieces.get(i)));
    }
    return out.toString();
  }

  private static String at(String text, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return "line " + line + ", column " + column;
  }

  private static String shorten(String s) {
    String one = s.replace('\n', ' ').replace('\r', ' ');
    return one.length() > 40 ? one.substring(0, 40) + "…" : one;
  }
}
