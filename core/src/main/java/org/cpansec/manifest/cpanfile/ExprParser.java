package org.cpansec.manifest.cpanfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.cpansec.manifest.cpanfile.Token.Kind;
import org.cpansec.manifest.cpanfile.TokenStream.ParseError;

/**
 * Parses and evaluates the small Perl expressions cpanfiles contain, following perl's operator
 * precedence. Only {@code $]} and {@code $^O} have values (the target perl and OS); every other
 * variable, call or regex match evaluates to {@link Value.Unknown} with the reason, so the caller
 * can report it and keep the affected requirement as unknown.
 */
final class ExprParser {
  private static final Set<String> LIST_END = Set.of(";", ")", "}", "]", "if", "unless", "sub");

  private final TokenStream in;
  private final String perlNumber;
  private final String os;

  ExprParser(TokenStream in, String perlNumber, String os) {
    this.in = in;
    this.perlNumber = perlNumber;
    this.os = os;
  }

  /** A comma/fat-comma separated list up to a statement or bracket end, flattened. */
  List<Value> list() {
    List<Value> values = new ArrayList<>();
    while (!in.atEnd() && !endsList(in.peek())) {
      Token t = in.peek();
      if (t.kind() == Kind.WORD && in.peek(1).is("=>")) {
        in.next();
        values.add(new Value.Known(t.text()));
      } else {
        flatten(expr(), values);
      }
      if (!in.accept(",") && !in.accept("=>")) {
        break;
      }
    }
    return values;
  }

  private static boolean endsList(Token t) {
    return (t.kind() == Kind.PUNCT || t.kind() == Kind.WORD) && LIST_END.contains(t.text());
  }

  private static void flatten(Value v, List<Value> into) {
    if (v instanceof Value.Several s) {
      s.values().forEach(x -> flatten(x, into));
    } else {
      into.add(v);
    }
  }

  /** One expression, lowest precedence first ({@code or}, {@code and}, {@code not}). */
  Value expr() {
    Value left = lowAnd();
    while (in.accept("or")) {
      left = or(left, lowAnd());
    }
    return left;
  }

  private Value lowAnd() {
    Value left = lowNot();
    while (in.accept("and")) {
      left = and(left, lowNot());
    }
    return left;
  }

  private Value lowNot() {
    if (in.accept("not")) {
      return not(lowNot());
    }
    return ternary();
  }

  private Value ternary() {
    Value cond = orOp();
    if (!in.accept("?")) {
      return cond;
    }
    Value yes = ternary();
    in.expect(":", "in a ?: expression");
    Value no = ternary();
    if (cond instanceof Value.Known k) {
      return k.truthy() ? yes : no;
    }
    return cond;
  }

  private Value orOp() {
    Value left = andOp();
    while (in.accept("||")) {
      left = or(left, andOp());
    }
    return left;
  }

  private Value andOp() {
    Value left = equality();
    while (in.accept("&&")) {
      left = and(left, equality());
    }
    return left;
  }

  private Value equality() {
    Value left = relational();
    String op = in.peek().text();
    if (in.peek().kind() != Kind.STRING && Set.of("==", "!=", "eq", "ne").contains(op)) {
      in.next();
      return compare(op, left, relational());
    }
    return left;
  }

  private Value relational() {
    Value left = concat();
    String op = in.peek().text();
    if (in.peek().kind() != Kind.STRING
        && Set.of("<", ">", "<=", ">=", "lt", "gt", "le", "ge").contains(op)) {
      in.next();
      return compare(op, left, concat());
    }
    if (in.peek().is("=~") || in.peek().is("!~")) {
      Token match = in.next();
      term();
      return new Value.Unknown(
          "pattern match ('" + match.text() + "' at line " + match.line() + ") is not evaluated");
    }
    return left;
  }

  private Value concat() {
    Value left = unary();
    while (in.accept(".")) {
      Value right = unary();
      left = combine(left, right, (a, b) -> new Value.Known(a.text() + b.text()));
    }
    return left;
  }

  private Value unary() {
    if (in.accept("!")) {
      return not(unary());
    }
    return term();
  }

  private Value term() {
    Token t = in.next();
    return switch (t.kind()) {
      case STRING, NUMBER -> new Value.Known(t.text());
      case WORDS ->
          new Value.Several(t.words().stream().map(w -> (Value) new Value.Known(w)).toList());
      case VARIABLE -> variable(t);
      case INTERPOLATED -> unknown(t, "string interpolates a variable");
      case WORD -> bareword(t);
      case PUNCT -> punctuation(t);
      case OTHER -> unknown(t, "'" + t.text() + "' is not evaluated");
      case END -> throw new ParseError(t, "expected a value, found end of file");
    };
  }

  private Value punctuation(Token t) {
    if (t.is("(")) {
      List<Value> inner = list();
      in.expect(")", "closing the '(' at line " + t.line() + " column " + t.column());
      return inner.size() == 1 ? inner.get(0) : new Value.Several(inner);
    }
    if (t.is("[") || t.is("{")) {
      skipBalanced(t);
      return unknown(t, "anonymous " + (t.is("[") ? "array" : "hash") + " is not a version");
    }
    if (t.is("-")) {
      return combine(
          Value.FALSE, term(), (a, b) -> new Value.Known(b.number().negate().toPlainString()));
    }
    throw new ParseError(t, "expected a value, found " + t.describe());
  }

  private Value variable(Token t) {
    if (t.text().equals("$]")) {
      return new Value.Known(perlNumber);
    }
    if (t.text().equals("$^O")) {
      return new Value.Known(os);
    }
    if (in.peek().is("{") || in.peek().is("[")) {
      skipBalanced(in.next());
    }
    skipMethodChain();
    return unknown(t, "variable " + t.text() + " has no static value");
  }

  private Value bareword(Token t) {
    if (in.peek().is("=>")) {
      return new Value.Known(t.text());
    }
    if (in.peek().is("(")) {
      skipBalanced(in.next());
      return unknown(t, "call of '" + t.text() + "(...)' is not evaluated");
    }
    if (in.peek().is("->")) {
      skipMethodChain();
      return unknown(t, "method call on '" + t.text() + "' is not evaluated");
    }
    if (t.text().equals("sub") || t.text().equals("do") || t.text().equals("eval")) {
      return unknown(t, "'" + t.text() + "' block is not evaluated");
    }
    return unknown(t, "bareword '" + t.text() + "' is not a static value");
  }

  /** Skips {@code ->name(...)->name ...} after an invocant. */
  private void skipMethodChain() {
    while (in.accept("->")) {
      Token method = in.next();
      if (method.is("(") || method.is("[") || method.is("{")) {
        skipBalanced(method);
      } else if (in.peek().is("(")) {
        skipBalanced(in.next());
      }
    }
  }

  /** Skips to the bracket matching {@code open} (already consumed). */
  private void skipBalanced(Token open) {
    int depth = 1;
    while (depth > 0) {
      Token t = in.next();
      if (t.kind() == Kind.END) {
        throw new ParseError(open, "'" + open.text() + "' is never closed");
      }
      if (t.is("(") || t.is("[") || t.is("{")) {
        depth++;
      } else if (t.is(")") || t.is("]") || t.is("}")) {
        depth--;
      }
    }
  }

  private static Value unknown(Token t, String reason) {
    return new Value.Unknown(reason + " (line " + t.line() + ", column " + t.column() + ")");
  }

  private static Value compare(String op, Value left, Value right) {
    return combine(
        left,
        right,
        (a, b) -> {
          int numeric = a.number().compareTo(b.number());
          int string = a.text().compareTo(b.text());
          return Value.bool(
              switch (op) {
                case "==" -> numeric == 0;
                case "!=" -> numeric != 0;
                case "<" -> numeric < 0;
                case ">" -> numeric > 0;
                case "<=" -> numeric <= 0;
                case ">=" -> numeric >= 0;
                case "eq" -> string == 0;
                case "ne" -> string != 0;
                case "lt" -> string < 0;
                case "gt" -> string > 0;
                case "le" -> string <= 0;
                default -> string >= 0;
              });
        });
  }

  private static Value combine(
      Value left, Value right, BiFunction<Value.Known, Value.Known, Value> op) {
    if (left instanceof Value.Unknown) {
      return left;
    }
    if (right instanceof Value.Unknown) {
      return right;
    }
    if (left instanceof Value.Known a && right instanceof Value.Known b) {
      return op.apply(a, b);
    }
    return new Value.Unknown("list used as a scalar is not evaluated");
  }

  // Perl's || and && return the deciding operand; a known deciding operand wins over an unknown.
  private static Value or(Value left, Value right) {
    if (left instanceof Value.Known k && k.truthy()) {
      return left;
    }
    return left instanceof Value.Known ? right : orUnknown(left, right);
  }

  private static Value and(Value left, Value right) {
    if (left instanceof Value.Known k && !k.truthy()) {
      return left;
    }
    return left instanceof Value.Known ? right : andUnknown(left, right);
  }

  private static Value orUnknown(Value unknownLeft, Value right) {
    return right instanceof Value.Known k && k.truthy() ? right : unknownLeft;
  }

  private static Value andUnknown(Value unknownLeft, Value right) {
    return right instanceof Value.Known k && !k.truthy() ? right : unknownLeft;
  }

  private static Value not(Value v) {
    return v instanceof Value.Known k ? Value.bool(!k.truthy()) : v;
  }
}
