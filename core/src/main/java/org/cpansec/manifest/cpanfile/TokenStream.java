package org.cpansec.manifest.cpanfile;

import java.util.List;
import java.util.StringJoiner;

/** A cursor over the tokens of one cpanfile, shared by the statement and expression parsers. */
final class TokenStream {
  private final List<Token> tokens;
  private int index;

  TokenStream(List<Token> tokens) {
    this.tokens = tokens;
  }

  Token peek() {
    return tokens.get(index);
  }

  Token peek(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  Token next() {
    Token t = tokens.get(index);
    if (t.kind() != Token.Kind.END) {
      index++;
    }
    return t;
  }

  boolean atEnd() {
    return peek().kind() == Token.Kind.END;
  }

  boolean accept(String punctOrWord) {
    if (peek().is(punctOrWord)) {
      index++;
      return true;
    }
    return false;
  }

  Token expect(String punctOrWord, String context) {
    if (!peek().is(punctOrWord)) {
      throw new ParseError(
          peek(), "expected '" + punctOrWord + "' " + context + ", found " + peek().describe());
    }
    return next();
  }

  int position() {
    return index;
  }

  /** The tokens from {@code from} up to the cursor, as text close to what was written. */
  String textSince(int from) {
    StringJoiner joiner = new StringJoiner(" ");
    for (int i = from; i < index; i++) {
      Token t = tokens.get(i);
      joiner.add(
          switch (t.kind()) {
            case STRING -> "'" + t.text() + "'";
            case INTERPOLATED -> "\"" + t.text() + "\"";
            case WORDS -> "qw(" + t.text() + ")";
            default -> t.text();
          });
    }
    return joiner.toString();
  }

  /**
   * Skips the rest of a statement after an error: up to and including the next {@code ;} outside
   * brackets, or up to (not including) a {@code }} that closes the enclosing block.
   */
  void skipStatement() {
    int depth = 0;
    while (!atEnd()) {
      Token t = peek();
      if (depth == 0 && t.is(";")) {
        next();
        return;
      }
      if (t.is("{") || t.is("(") || t.is("[")) {
        depth++;
      } else if (t.is("}") || t.is(")") || t.is("]")) {
        if (depth == 0) {
          return;
        }
        depth--;
        if (depth == 0 && t.is("}") && isStatementStartAfter()) {
          next();
          return;
        }
      }
      next();
    }
  }

  /** After a closed block: a following newline-separated statement starts here (no ';' needed). */
  private boolean isStatementStartAfter() {
    Token after = peek(1);
    return after.line() > peek().line() && !after.is(";");
  }

  /** A parse error at a token; cheap (no stack trace): it is control flow, always reported. */
  static final class ParseError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Token at;

    ParseError(Token at, String message) {
      super(message, null, false, false);
      this.at = at;
    }

    Token at() {
      return at;
    }
  }
}
