package org.cpansec.manifest.cpanfile;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The value of a cpanfile expression: a known Perl scalar, a list, or unknown with a reason. */
sealed interface Value {

  /** A scalar whose value is known statically (Perl scalars are strings that may look numeric). */
  record Known(String text) implements Value {
    private static final Pattern LEADING_NUMBER =
        Pattern.compile(
            "\\s*([+-]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9_]+)(?:[eE][+-]?[0-9]+)?)");

    boolean truthy() {
      return !text.isEmpty() && !text.equals("0");
    }

    /** Perl's numeric reading: the leading number, 0 when there is none. */
    BigDecimal number() {
      Matcher m = LEADING_NUMBER.matcher(text);
      if (!m.lookingAt()) {
        return BigDecimal.ZERO;
      }
      try {
        return new BigDecimal(m.group(1).replace("_", ""));
      } catch (NumberFormatException e) {
        // "._" and the like: perl reads them as 0 (with a warning), and so do we.
        return BigDecimal.ZERO;
      }
    }
  }

  /** Several values (a {@code qw} list or a parenthesised list), flattened into argument lists. */
  record Several(List<Value> values) implements Value {}

  /** A value cpansec does not compute, and why. */
  record Unknown(String reason) implements Value {}

  Known TRUE = new Known("1");
  Known FALSE = new Known("");

  static Value bool(boolean b) {
    return b ? TRUE : FALSE;
  }
}
