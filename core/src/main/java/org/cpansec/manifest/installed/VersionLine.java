package org.cpansec.manifest.installed;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.manifest.VersionSpec;

/**
 * Evaluates the right-hand side of a {@code $VERSION = ...} line for the static forms only: a
 * quoted string or {@code q}/{@code qq} literal, a numeric literal (read as perl reads numbers:
 * {@code 1.10} is 1.1), a v-string, {@code qv(...)}, {@code version->declare/new/parse(...)},
 * optionally followed on the same line by {@code $VERSION = eval $VERSION} or {@code $VERSION =~
 * tr/_//d}. Anything else is code Module::Metadata would run; cpansec does not, and says so.
 */
final class VersionLine {
  private static final String QUOTED =
      "'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\$@]|\\\\.)*)\"|qq?\\s*\\{([^}]*)\\}|qq?\\s*\\(([^)]*)\\)"
          + "|qq?\\s*\\[([^\\]]*)\\]|qq?\\s*<([^>]*)>|qq?\\s*([^\\w\\s])((?:(?!\\7).)*)\\7";
  private static final String NUMBER = "(v?[0-9][0-9_]*(?:\\.[0-9_]*)*)";
  private static final Pattern VALUE = Pattern.compile("\\s*(?:" + QUOTED + "|" + NUMBER + ")");
  private static final Pattern WRAPPED =
      Pattern.compile(
          "\\s*(qv|version::qv|version\\s*->\\s*(?:declare|new|parse)|version::(?:declare|new|parse))"
              + "\\s*\\(\\s*");
  private static final Pattern CLOSE = Pattern.compile("\\s*\\)");
  private static final Pattern EVAL_AFTER =
      Pattern.compile("\\s*;\\s*\\$VERSION\\s*=\\s*eval\\s*\\(?\\s*\\$VERSION\\s*\\)?\\s*;?.*");
  private static final Pattern TR_AFTER =
      Pattern.compile("\\s*;\\s*\\$VERSION\\s*=~\\s*(?:tr|y)/_//d\\s*;?.*");

  /** {@code $X::VERSION = $X::VERSION = '1.0'}: the idiom that silences "used only once". */
  private static final Pattern CHAINED =
      Pattern.compile("\\s*\\$(?:[\\w:']*)VERSION\\s*=(?![=~>])");

  /** The two RCS keyword idioms of Encode and friends: sprintf over q$Revision: X.Y $. */
  private static final Pattern RCS_SPRINTF =
      Pattern.compile(
          "\\s*sprintf\\s*\\(?\\s*\"%d\\.%02d\"\\s*,\\s*q\\$Revision:\\s*([0-9]+(?:\\.[0-9]+)+)\\s*\\$"
              + "\\s*=~\\s*/\\(\\\\d\\+\\)/g\\s*\\)?\\s*;.*");

  private static final Pattern RCS_DO =
      Pattern.compile(
          "\\s*do\\s*\\{\\s*my\\s*@r\\s*=\\s*\\(\\s*q\\$Revision:\\s*([0-9]+(?:\\.[0-9]+)+)\\s*\\$\\s*=~"
              + "\\s*/\\\\d\\+/g\\s*\\)\\s*;\\s*sprintf\\s*\"%d\\.\"\\s*\\.\\s*\"%02d\"\\s*x\\s*\\$#r\\s*,"
              + "\\s*@r\\s*\\}\\s*;.*");

  private static final Pattern END = Pattern.compile("\\s*(?:;.*)?|\\s*#.*");

  private VersionLine() {}

  static VersionSpec evaluate(String rhs) {
    String rest = rhs;
    Matcher chained = CHAINED.matcher(rest);
    while (chained.lookingAt()) {
      rest = rest.substring(chained.end());
      chained = CHAINED.matcher(rest);
    }
    Matcher rcs = RCS_SPRINTF.matcher(rest);
    if (rcs.matches()) {
      return VersionSpec.exactOf(rcs(rcs.group(1), 2));
    }
    rcs = RCS_DO.matcher(rest);
    if (rcs.matches()) {
      return VersionSpec.exactOf(rcs(rcs.group(1), Integer.MAX_VALUE));
    }
    boolean declare = false;
    Matcher wrapped = WRAPPED.matcher(rest);
    if (wrapped.lookingAt()) {
      declare = wrapped.group(1).endsWith("qv") || wrapped.group(1).endsWith("declare");
      rest = rest.substring(wrapped.end());
    }
    Matcher value = VALUE.matcher(rest);
    if (!value.lookingAt()) {
      return unknown(rhs);
    }
    String text = literal(value);
    boolean numeric = value.group(9) != null;
    rest = rest.substring(value.end());
    if (wrapped.lookingAt()) {
      Matcher close = CLOSE.matcher(rest);
      if (!close.lookingAt()) {
        return unknown(rhs);
      }
      rest = rest.substring(close.end());
    }
    if (numeric && !text.startsWith("v") && dots(text) < 2) {
      text = perlNumber(text);
    }
    if (declare && !text.startsWith("v") && dots(text) < 2) {
      text = "v" + text;
    }
    if (EVAL_AFTER.matcher(rest).matches()) {
      text = text.contains("_") ? perlNumber(text) : text;
    } else if (TR_AFTER.matcher(rest).matches()) {
      text = text.replace("_", "");
    } else if (!END.matcher(rest).matches() || codeOf(rest).contains("VERSION")) {
      return unknown(rhs);
    }
    return VersionSpec.exactOf(text);
  }

  /** sprintf "%d." then "%02d" for each further revision part (up to {@code parts} in all). */
  private static String rcs(String revision, int parts) {
    String[] p = revision.split("\\.");
    StringBuilder out = new StringBuilder(Integer.toString(Integer.parseInt(p[0]))).append('.');
    for (int i = 1; i < p.length && i < parts; i++) {
      out.append(String.format("%02d", Integer.parseInt(p[i])));
    }
    return out.toString();
  }

  private static String literal(Matcher m) {
    for (int g = 1; g <= 9; g++) {
      if (g != 7 && m.group(g) != null) {
        return g <= 1 ? m.group(g).replace("\\'", "'").replace("\\\\", "\\") : m.group(g);
      }
    }
    throw new IllegalStateException("matched without a group");
  }

  /** The line's rest without a trailing comment (a '#' inside a later string may cut early). */
  private static String codeOf(String rest) {
    int hash = rest.indexOf('#');
    return hash < 0 ? rest : rest.substring(0, hash);
  }

  private static int dots(String s) {
    return (int) s.chars().filter(c -> c == '.').count();
  }

  /** How perl prints a decimal number: up to 15 significant digits, no trailing zeros. */
  static String perlNumber(String literal) {
    String digits = literal.replace("_", "");
    if (digits.endsWith(".")) {
      digits = digits + "0";
    }
    BigDecimal n = new BigDecimal(digits).round(new MathContext(15)).stripTrailingZeros();
    return n.scale() < 0 ? n.setScale(0).toPlainString() : n.toPlainString();
  }

  private static VersionSpec unknown(String rhs) {
    String shown = rhs.strip();
    return VersionSpec.unknown(
        shown,
        "$VERSION is computed by code ("
            + abbreviate(shown)
            + "); cpansec reads versions statically and never runs module code");
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
