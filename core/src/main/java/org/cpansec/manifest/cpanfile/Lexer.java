package org.cpansec.manifest.cpanfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.manifest.cpanfile.Token.Kind;

/**
 * Splits cpanfile text into {@link Token}s the way perl's lexer would for the subset of Perl that
 * cpanfiles use: quotes and quote-like operators with any delimiter, numbers and v-strings,
 * barewords, scalar variables, comments, POD and {@code __END__}. It never fails: text it does not
 * understand becomes an {@link Kind#OTHER} token for the parser to report.
 */
final class Lexer {
  private static final List<String> OPERATORS =
      List.of(
          "<=>", "=>", "==", "!=", "<=", ">=", "&&", "||", "//", "=~", "!~", "->", "..", "**", "++",
          "--");

  private static final Pattern NUMBER = Pattern.compile("[0-9][0-9._]*(?:[eE][+-]?[0-9]+)?");
  private static final Pattern WORD =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z0-9_]+)*(?:::)?");
  private static final Pattern VSTRING = Pattern.compile("v[0-9]+(?:\\.[0-9]+)*");
  private static final Pattern FLAGS = Pattern.compile("[a-z]*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z0-9_]+)*");

  private final String src;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private int line = 1;
  private int lineStart;

  private Lexer(String src) {
    this.src = src;
  }

  /** Lexing result: tokens ending with {@link Kind#END}, and unterminated-construct errors. */
  record Result(List<Token> tokens, List<Token> errors) {}

  static Result lex(String src) {
    Lexer lexer = new Lexer(src);
    List<Token> errors = new ArrayList<>();
    while (true) {
      Token t = lexer.next();
      if (t.kind() == Kind.OTHER && t.text().startsWith("unterminated")) {
        errors.add(t);
        lexer.tokens.add(Token.of(Kind.END, "", t.line(), t.column()));
        break;
      }
      lexer.tokens.add(t);
      if (t.kind() == Kind.END) {
        break;
      }
    }
    return new Result(List.copyOf(lexer.tokens), errors);
  }

  private Token next() {
    skipSpaceCommentsAndPod();
    int startLine = line;
    int col = pos - lineStart + 1;
    if (pos >= src.length()) {
      return Token.of(Kind.END, "", startLine, col);
    }
    char c = src.charAt(pos);
    if (c == '\'' || c == '"') {
      pos++;
      return quoted(c == '"' ? "qq" : "q", c, startLine, col);
    }
    if (c >= '0' && c <= '9') {
      return Token.of(Kind.NUMBER, take(NUMBER), startLine, col);
    }
    if (isWordStart(c)) {
      return word(startLine, col);
    }
    if (c == '$') {
      return variable(startLine, col);
    }
    if ((c == '@' || c == '%') && pos + 1 < src.length() && isWordStart(src.charAt(pos + 1))) {
      pos++;
      String name = take(NAME);
      return Token.of(Kind.OTHER, c + name, startLine, col);
    }
    if (c == '/' && lastIsMatchOperator()) {
      pos++;
      return quoted("m", '/', startLine, col);
    }
    for (String op : OPERATORS) {
      if (src.startsWith(op, pos)) {
        pos += op.length();
        return Token.of(Kind.PUNCT, op, startLine, col);
      }
    }
    pos++;
    return Token.of(Kind.PUNCT, String.valueOf(c), startLine, col);
  }

  private Token word(int startLine, int col) {
    String w = take(WORD);
    if (VSTRING.matcher(w).matches()) {
      return Token.of(Kind.NUMBER, w, startLine, col);
    }
    if (w.equals("__END__") || w.equals("__DATA__")) {
      pos = src.length();
      return Token.of(Kind.END, "", startLine, col);
    }
    if (w.equals("q") || w.equals("qq") || w.equals("qw") || w.equals("m") || w.equals("qr")) {
      int save = pos;
      if (pos < src.length() && src.charAt(pos) == '#') {
        pos++;
        return quoted(w, '#', startLine, col);
      }
      skipSpaceCommentsAndPod();
      if (pos < src.length() && isQuoteDelimiter()) {
        char open = src.charAt(pos++);
        return quoted(w, open, startLine, col);
      }
      pos = save;
    }
    return Token.of(Kind.WORD, w, startLine, col);
  }

  private boolean isQuoteDelimiter() {
    char d = src.charAt(pos);
    if (Character.isLetterOrDigit(d) || d == '_' || Character.isWhitespace(d) || d == ',') {
      return false;
    }
    return !(d == '=' && pos + 1 < src.length() && src.charAt(pos + 1) == '>');
  }

  private Token variable(int startLine, int col) {
    pos++;
    if (pos < src.length() && src.charAt(pos) == ']') {
      pos++;
      return Token.of(Kind.VARIABLE, "$]", startLine, col);
    }
    if (src.startsWith("^", pos) && pos + 1 < src.length()) {
      pos += 2;
      return Token.of(Kind.VARIABLE, "$^" + src.charAt(pos - 1), startLine, col);
    }
    String name = take(NAME);
    if (!name.isEmpty()) {
      return Token.of(Kind.VARIABLE, "$" + name, startLine, col);
    }
    if (pos < src.length()) {
      pos++;
      return Token.of(Kind.VARIABLE, "$" + src.charAt(pos - 1), startLine, col);
    }
    return Token.of(Kind.OTHER, "$", startLine, col);
  }

  /** Reads up to the closing delimiter (nesting for brackets); {@code pos} is after the opener. */
  private Token quoted(String op, char open, int startLine, int col) {
    char close = closerOf(open);
    StringBuilder value = new StringBuilder();
    boolean interpolates = false;
    int depth = 1;
    while (pos < src.length()) {
      char c = src.charAt(pos++);
      if (c == '\n') {
        newLine();
      }
      if (c == '\\' && pos < src.length()) {
        char e = src.charAt(pos++);
        if (e == '\n') {
          newLine();
        }
        value.append(op.equals("q") || op.equals("qw") ? unescapeSingle(e, close, open) : e);
        continue;
      }
      if (c == open && open != close) {
        depth++;
      } else if (c == close && --depth == 0) {
        return finishQuoted(op, value.toString(), interpolates, startLine, col);
      }
      if (op.equals("qq") && (c == '$' || c == '@') && interpolatesAt(pos)) {
        interpolates = true;
      }
      value.append(c);
    }
    return Token.of(
        Kind.OTHER,
        "unterminated " + op + " string starting at line " + startLine + " column " + col,
        startLine,
        col);
  }

  private static String unescapeSingle(char e, char close, char open) {
    return e == '\\' || e == close || e == open ? String.valueOf(e) : "\\" + e;
  }

  private Token finishQuoted(String op, String value, boolean interpolates, int l, int col) {
    return switch (op) {
      case "qw" -> {
        String trimmed = value.strip();
        List<String> words = trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
        yield new Token(Kind.WORDS, String.join(" ", words), List.copyOf(words), l, col);
      }
      case "m", "qr" -> Token.of(Kind.OTHER, op + "/" + value + "/" + take(FLAGS), l, col);
      default -> Token.of(interpolates ? Kind.INTERPOLATED : Kind.STRING, value, l, col);
    };
  }

  private boolean interpolatesAt(int p) {
    if (p >= src.length()) {
      return false;
    }
    char n = src.charAt(p);
    return isWordStart(n) || n == ']' || n == '^' || n == '{' || n == ':';
  }

  private static char closerOf(char open) {
    return switch (open) {
      case '(' -> ')';
      case '[' -> ']';
      case '{' -> '}';
      case '<' -> '>';
      default -> open;
    };
  }

  private boolean lastIsMatchOperator() {
    if (tokens.isEmpty()) {
      return false;
    }
    Token last = tokens.get(tokens.size() - 1);
    return last.is("=~") || last.is("!~");
  }

  private void skipSpaceCommentsAndPod() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\n') {
        pos++;
        newLine();
        if (startsPod()) {
          skipPod();
        }
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (pos == 0 && startsPod()) {
        skipPod();
      } else {
        return;
      }
    }
  }

  private boolean startsPod() {
    return pos + 1 < src.length()
        && src.charAt(pos) == '='
        && Character.isLetter(src.charAt(pos + 1));
  }

  private void skipPod() {
    while (pos < src.length()) {
      int eol = src.indexOf('\n', pos);
      boolean cut = src.startsWith("=cut", pos);
      pos = eol < 0 ? src.length() : eol + 1;
      if (eol >= 0) {
        newLine();
      }
      if (cut) {
        return;
      }
    }
  }

  private void newLine() {
    line++;
    lineStart = pos;
  }

  private String take(Pattern pattern) {
    Matcher m = pattern.matcher(src);
    m.region(pos, src.length());
    if (m.lookingAt()) {
      pos = m.end();
      return m.group();
    }
    return "";
  }

  /** ASCII only: every other character becomes a one-character token the parser reports. */
  private static boolean isWordStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }
}
