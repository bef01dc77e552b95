package org.cpansec.manifest.cpanfile;

import java.util.List;

/**
 * One token of a cpanfile. {@code text} is the token's value (a string's content without quotes, a
 * {@code qw} list's words joined by spaces); {@code words} holds a {@code qw} list's words.
 */
record Token(Kind kind, String text, List<String> words, int line, int column) {

  enum Kind {
    /** A quoted string whose value is fully known. */
    STRING,
    /** A double-quoted string that interpolates a variable: its value is not static. */
    INTERPOLATED,
    NUMBER,
    /** {@code qw(...)}: a list of words. */
    WORDS,
    /** A bareword or keyword ({@code requires}, {@code sub}, {@code eq}, {@code Foo::Bar}). */
    WORD,
    /** A scalar variable such as {@code $]}, {@code $^O} or {@code $x}. */
    VARIABLE,
    /** Any other variable sigil ({@code @x}, {@code %x}) or unsupported character. */
    OTHER,
    PUNCT,
    END
  }

  static Token of(Kind kind, String text, int line, int column) {
    return new Token(kind, text, List.of(), line, column);
  }

  boolean is(String punctOrWord) {
    return (kind == Kind.PUNCT || kind == Kind.WORD) && text.equals(punctOrWord);
  }

  String describe() {
    return switch (kind) {
      case END -> "end of file";
      case STRING, INTERPOLATED -> "string '" + text + "'";
      case WORDS -> "qw list";
      default -> "'" + text + "'";
    };
  }
}
