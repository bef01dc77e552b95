package org.cpansec.version;

import java.util.Arrays;

/**
 * version.pm's lax parser, in two passes as version.pm does it: {@link #prescan} validates the text
 * and classifies it (decimal or dotted, alpha or not), then {@link #scan} builds the components.
 * Both passes follow version.pm's own rules so that odd corners (a trailing {@code ";"}, {@code
 * "1."}, leading zeros, overflow to "v.Inf") come out the same.
 *
 * <p>Positions past the end read as NUL, as they do in the C original; a NUL inside the text ends
 * it the same way.
 */
final class VersionScanner {

  private final String text;
  private final int length;

  // prescan results
  private boolean qv;
  private boolean alpha;
  private int sawDecimal;

  private VersionScanner(String text) {
    this.text = text;
    this.length = text.length();
  }

  static PerlVersion scan(String text) {
    return new VersionScanner(text).run();
  }

  private char at(int i) {
    return i < length ? text.charAt(i) : '\0';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }

  private static boolean isAlphaChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** The characters that may end a version in version.pm: end, ';', '{', '}' (and space). */
  private static boolean isEnd(char c) {
    return c == '\0' || c == ';' || c == '{' || c == '}';
  }

  private PerlVersion run() {
    int s = 0;
    while (isSpace(at(s))) {
      s++;
    }
    int last;
    String error = null;
    try {
      last = prescan(s);
    } catch (Failure f) {
      error = f.reason;
      last = -1;
    }
    boolean undef = text.startsWith("undef", s) && s + 5 == length;
    if (error != null && !undef) {
      throw new InvalidVersionException(text, error);
    }
    return build(s, last, undef);
  }

  /** version.pm's prescan_version in lax mode; returns where the version ends. */
  private int prescan(int s) {
    int d = s;
    if (at(d) == 'v') {
      d++;
      if (isDigit(at(d))) {
        qv = true;
      } else {
        throw new Failure("dotted-decimal versions require at least three parts");
      }
      return dotted(s, d);
    }
    if (at(d) == '-') {
      throw new Failure("negative version number");
    }
    while (isDigit(at(d))) {
      d++;
    }
    char c = at(d);
    if (c == '.') {
      sawDecimal++;
      d++;
    } else if (isEnd(c) || isSpace(c)) {
      if (d == s) {
        throw new Failure("version required");
      }
      return finish(d);
    } else if (d == s) {
      throw new Failure("non-numeric data");
    } else if (c == '_') {
      throw new Failure(isDigit(at(d + 1)) ? "alpha without decimal" : "misplaced underscore");
    } else {
      throw new Failure("non-numeric data");
    }
    // the fractional part
    c = at(d);
    if (!isDigit(c) && !(isEnd(c) || isSpace(c))) {
      throw new Failure("fractional part required");
    }
    while (isDigit(at(d))) {
      d++;
      if (at(d) == '.' && isDigit(at(d - 1))) {
        if (alpha) {
          throw new Failure("underscores before decimal");
        }
        // a second decimal point: start again as a dotted-decimal version
        qv = true;
        return dotted(s, s);
      }
      if (at(d) == '_') {
        if (alpha) {
          throw new Failure("multiple underscores");
        }
        if (!isDigit(at(d + 1))) {
          throw new Failure("misplaced underscore");
        }
        d++;
        alpha = true;
      }
    }
    return finish(d);
  }

  private int dotted(int s, int d) {
    while (isDigit(at(d))) {
      d++;
    }
    if (at(d) != '.') {
      return finish(d);
    }
    sawDecimal++;
    d++;
    while (isDigit(at(d))) {
      while (isDigit(at(d))) {
        d++;
      }
      if (at(d) == '_') {
        if (alpha) {
          throw new Failure("multiple underscores");
        }
        d++;
        alpha = true;
      } else if (at(d) == '.') {
        if (alpha) {
          throw new Failure("underscores before decimal");
        }
        sawDecimal++;
        d++;
      } else {
        break;
      }
    }
    return finish(d);
  }

  private int finish(int d) {
    while (isSpace(at(d))) {
      d++;
    }
    char c = at(d);
    if (!isDigit(c) && !isEnd(c)) {
      throw new Failure("non-numeric data");
    }
    if (sawDecimal > 1 && d > 0 && at(d - 1) == '.') {
      throw new Failure("trailing decimal");
    }
    return d;
  }

  /** version.pm's scan_version after a successful prescan: the components. */
  private PerlVersion build(int s, int last, boolean undef) {
    int start = s;
    if (at(s) == 'v') {
      s++;
    }
    int pos = s;
    int[] parts = new int[4];
    int count = 0;
    boolean infinite = false;

    while (isDigit(at(pos)) || at(pos) == '_') {
      pos++;
    }
    if (!isAlphaChar(at(pos))) {
      while (true) {
        int end = pos;
        long rev = 0;
        if (!qv && s > start && sawDecimal == 1) {
          // a decimal fraction: groups of three digits, the first worth hundreds
          int mult = 100;
          while (s < end) {
            rev += (at(s) - '0') * mult;
            mult /= 10;
            s++;
            if (at(s) == '_') {
              s++;
            }
          }
        } else {
          long mult = 1;
          while (--end >= s) {
            char c = at(end);
            if (c == '_') {
              continue;
            }
            int digit = c - '0';
            if (mult == PerlVersion.VERSION_MAX
                || digit > PerlVersion.VERSION_MAX / mult
                || digit * mult > PerlVersion.VERSION_MAX - rev) {
              end = s - 1;
              rev = PerlVersion.VERSION_MAX;
              infinite = true;
            } else {
              rev += digit * mult;
            }
            mult = mult > PerlVersion.VERSION_MAX / 10 ? PerlVersion.VERSION_MAX : mult * 10;
          }
        }
        if (count == parts.length) {
          parts = Arrays.copyOf(parts, count * 2);
        }
        parts[count++] = (int) rev;
        if (infinite) {
          s = last;
          break;
        }
        char c = at(pos);
        if (c == '.') {
          pos++;
          if (qv) {
            while (at(pos) == '0') {
              pos++;
            }
          }
          s = pos;
        } else if ((c == '_' || c == ',') && isDigit(at(pos + 1))) {
          s = ++pos;
        } else if (isDigit(c)) {
          s = pos;
        } else {
          s = pos;
          break;
        }
        if (qv) {
          while (isDigit(at(pos)) || at(pos) == '_') {
            pos++;
          }
        } else {
          int digits = 0;
          while ((isDigit(at(pos)) || at(pos) == '_') && digits < 3) {
            if (at(pos) != '_') {
              digits++;
            }
            pos++;
          }
        }
      }
    }
    if (qv) {
      while (count < 3) {
        if (count == parts.length) {
          parts = Arrays.copyOf(parts, count * 2);
        }
        parts[count++] = 0;
      }
    }
    String original;
    if (infinite) {
      original = "v.Inf";
    } else if (s > start) {
      original = text.substring(start, s);
      if (qv && sawDecimal == 1 && at(start) != 'v') {
        original = "v" + original;
      }
    } else {
      original = "0";
      parts[count++] = 0;
    }
    if (undef) {
      s += 5;
    }
    String ignored = s < length && text.charAt(s) != '\0' ? text.substring(s) : null;
    return new PerlVersion(Arrays.copyOf(parts, count), qv, alpha, infinite, original, ignored);
  }

  /** A prescan rejection; carries version.pm's reason. Cheap: no stack trace. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String reason;

    Failure(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }
  }
}
