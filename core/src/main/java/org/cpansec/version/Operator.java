package org.cpansec.version;

/**
 * The relational operators of version ranges, as CPAN::Meta and the advisory database spell them.
 */
public enum Operator {
  LT("<"),
  LE("<="),
  EQ("=="),
  NE("!="),
  GT(">"),
  GE(">=");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** Whether {@code cmp}, the result of {@code candidate.compareTo(bound)}, satisfies this. */
  boolean test(int cmp) {
    switch (this) {
      case LT:
        return cmp < 0;
      case LE:
        return cmp <= 0;
      case EQ:
        return cmp == 0;
      case NE:
        return cmp != 0;
      case GT:
        return cmp > 0;
      case GE:
        return cmp >= 0;
      default:
        throw new AssertionError(this);
    }
  }
}
