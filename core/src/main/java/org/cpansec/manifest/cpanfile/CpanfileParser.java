package org.cpansec.manifest.cpanfile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cpansec.cpan.ModuleName;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Phase;
import org.cpansec.manifest.Problem;
import org.cpansec.manifest.Relationship;
import org.cpansec.manifest.SourceLocation;
import org.cpansec.manifest.VersionSpec;
import org.cpansec.manifest.cpanfile.Token.Kind;
import org.cpansec.manifest.cpanfile.TokenStream.ParseError;

/**
 * Reads the statements of a cpanfile with Module::CPANfile's meaning: {@code requires $module,
 * [$version], %options} (an odd number of arguments after the module means the first is the
 * version, else the version is 0), {@code on $phase => sub {...}}, {@code feature $name, [$desc] =>
 * sub {...}}, the {@code *_requires} shortcuts, {@code mirror}, {@code osname}, and Perl's {@code
 * if/elsif/else/unless} and statement modifiers. Each statement that cannot be read is reported and
 * skipped; reading continues with the next.
 */
final class CpanfileParser {
  private static final Map<String, Relationship> RELATIONSHIPS =
      Map.of(
          "requires", Relationship.REQUIRES,
          "recommends", Relationship.RECOMMENDS,
          "suggests", Relationship.SUGGESTS,
          "conflicts", Relationship.CONFLICTS);
  private static final Map<String, Phase> SHORTCUTS =
      Map.of(
          "test_requires", Phase.TEST,
          "author_requires", Phase.DEVELOP,
          "build_requires", Phase.BUILD,
          "configure_requires", Phase.CONFIGURE);
  private static final Set<String> HARMLESS_USE = Set.of("strict", "warnings", "utf8");

  private final Path file;
  private final TokenStream in;
  private final ExprParser expr;
  private final String os;
  private final List<Dependency> dependencies = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();

  CpanfileParser(Path file, List<Token> tokens, ExtractContext context) {
    this.file = file;
    this.in = new TokenStream(tokens);
    this.os = context.targetOs();
    this.expr = new ExprParser(in, context.targetPerl().numify(), os);
  }

  List<Dependency> dependencies() {
    return dependencies;
  }

  List<Problem> problems() {
    return problems;
  }

  void parse() {
    statements(Scope.top(), false);
  }

  private void statements(Scope scope, boolean inBlock) {
    while (!in.atEnd() && !(inBlock && in.peek().is("}"))) {
      int before = in.position();
      try {
        statement(scope);
      } catch (ParseError e) {
        problem(e.at(), e.getMessage());
        in.skipStatement();
      }
      if (in.position() == before) {
        Token stray = in.next();
        problem(stray, "unexpected " + stray.describe());
      }
    }
  }

  private void statement(Scope scope) {
    Token t = in.peek();
    if (t.is(";")) {
      in.next();
      return;
    }
    if (t.is("{")) {
      block(scope);
      return;
    }
    if (t.kind() != Kind.WORD) {
      throw new ParseError(
          t, "expected a statement (requires, on, feature, ...), found " + t.describe());
    }
    String w = t.text();
    if (RELATIONSHIPS.containsKey(w)) {
      prereq(scope, RELATIONSHIPS.get(w));
    } else if (SHORTCUTS.containsKey(w)) {
      prereq(scope.inPhase(SHORTCUTS.get(w)), Relationship.REQUIRES);
    } else {
      switch (w) {
        case "on" -> on(scope);
        case "feature" -> feature(scope);
        case "osname" -> osname(scope);
        case "if", "unless" -> conditional(scope);
        case "mirror" -> {
          in.next();
          expr.list();
          endOfStatement();
        }
        case "use", "no" -> use();
        default ->
            throw new ParseError(
                t,
                "unknown statement '"
                    + w
                    + "' (expected requires, recommends, suggests, conflicts, *_requires, on,"
                    + " feature, osname, mirror, if, unless)");
      }
    }
  }

  private void prereq(Scope scope, Relationship relationship) {
    Token keyword = in.next();
    int start = in.position();
    boolean paren = in.accept("(");
    Token moduleToken = in.peek();
    List<Value> args;
    Value condition = Value.TRUE;
    try {
      args = expr.list();
      if (paren) {
        in.expect(")", "closing the argument list of " + keyword.text());
      }
      condition = modifier();
      endOfStatement();
    } catch (ParseError e) {
      problem(e.at(), e.getMessage());
      in.skipStatement();
      Optional<String> named =
          moduleToken.kind() == Kind.STRING
              ? Optional.of(moduleToken.text())
              : moduleToken.words().stream().findFirst();
      if (named.isPresent()) {
        String module = named.get();
        add(
            scope,
            relationship,
            keyword,
            new Value.Known(module),
            new Value.Unknown(e.getMessage()),
            in.textSince(start));
      }
      return;
    }
    if (args.isEmpty()) {
      throw new ParseError(keyword, keyword.text() + " needs a module name");
    }
    Value version = args.size() % 2 == 0 ? args.get(1) : new Value.Known("0");
    Scope effective = scope.under(condition);
    if (!effective.active()) {
      return;
    }
    if (condition instanceof Value.Unknown u) {
      problem(keyword, "condition not evaluated, requirement kept as unknown: " + u.reason());
    }
    add(effective, relationship, keyword, args.get(0), version, in.textSince(start));
  }

  private void add(
      Scope scope, Relationship rel, Token at, Value moduleValue, Value version, String written) {
    if (!(moduleValue instanceof Value.Known m)) {
      problem(at, "module name is not static: " + Scope.reasonOf(moduleValue));
      return;
    }
    ModuleName module;
    try {
      module = ModuleName.of(m.text());
    } catch (IllegalArgumentException e) {
      problem(at, e.getMessage());
      return;
    }
    VersionSpec spec;
    if (scope.unknown().isPresent()) {
      spec = VersionSpec.unknown(versionText(version, written), scope.unknown().get());
    } else if (version instanceof Value.Known v) {
      spec = VersionSpec.requirement(v.text());
      if (spec instanceof VersionSpec.Unknown u) {
        problem(at, module + ": " + u.reason());
      }
    } else {
      spec = VersionSpec.unknown(written, Scope.reasonOf(version));
      problem(
          at,
          module
              + ": version requirement not evaluated, kept as unknown: "
              + Scope.reasonOf(version));
    }
    SourceLocation where = SourceLocation.of(file, at.line(), at.column());
    dependencies.add(Dependency.module(module, spec, scope.phase(), rel, scope.feature(), where));
  }

  private static String versionText(Value version, String written) {
    return version instanceof Value.Known k ? k.text() : written;
  }

  /** An optional statement modifier: {@code if EXPR} / {@code unless EXPR}. */
  private Value modifier() {
    if (in.accept("if")) {
      return expr.expr();
    }
    if (in.accept("unless")) {
      Value v = expr.expr();
      return v instanceof Value.Known k ? Value.bool(!k.truthy()) : v;
    }
    return Value.TRUE;
  }

  private void on(Scope scope) {
    Token keyword = in.next();
    Value phaseValue = expr.expr();
    separator("after the phase of 'on'");
    Scope inner = scope;
    if (phaseValue instanceof Value.Known k) {
      Optional<Phase> phase = Phase.fromSpecName(k.text());
      if (phase.isPresent()) {
        inner = scope.inPhase(phase.get());
      } else {
        problem(
            keyword,
            "unknown phase '" + k.text() + "' (expected configure, build, test, runtime, develop)");
        inner = scope.unknownBecause("declared in unknown phase '" + k.text() + "'");
      }
    } else {
      problem(keyword, "phase not evaluated: " + Scope.reasonOf(phaseValue));
      inner = scope.unknownBecause("phase not evaluated: " + Scope.reasonOf(phaseValue));
    }
    subBlock(inner);
  }

  private void feature(Scope scope) {
    Token keyword = in.next();
    Value name = expr.expr();
    separator("after the feature name");
    if (!in.peek().is("sub")) {
      expr.expr();
      separator("after the feature description");
    }
    if (name instanceof Value.Known k) {
      subBlock(scope.inFeature(k.text()));
    } else {
      problem(keyword, "feature name not evaluated: " + Scope.reasonOf(name));
      subBlock(scope.unknownBecause("feature name not evaluated"));
    }
  }

  /** {@code osname 'MSWin32', 'cygwin' => sub {...}}: the block applies on the OSes named. */
  private void osname(Scope scope) {
    in.next();
    boolean matches = false;
    Optional<String> unknown = Optional.empty();
    while (!in.peek().is("sub") && !in.atEnd()) {
      Value v = expr.expr();
      if (v instanceof Value.Known k) {
        matches |= k.text().equals(os);
      } else {
        unknown = Optional.of(Scope.reasonOf(v));
      }
      separator("after an OS name of 'osname'");
    }
    if (matches) {
      subBlock(scope);
    } else if (unknown.isPresent()) {
      subBlock(scope.unknownBecause(unknown.get()));
    } else {
      subBlock(scope.inactive());
    }
  }

  private void conditional(Scope scope) {
    boolean taken = false;
    Optional<String> undecided = Optional.empty();
    Token keyword = in.next();
    boolean negate = keyword.is("unless");
    do {
      Value cond = condition(negate);
      negate = false;
      Scope branch;
      if (taken) {
        branch = scope.inactive();
      } else if (cond instanceof Value.Known k && !k.truthy()) {
        branch = scope.inactive();
      } else if (cond instanceof Value.Known && undecided.isEmpty()) {
        branch = scope;
        taken = true;
      } else {
        String reason = undecided.orElseGet(() -> Scope.reasonOf(cond));
        undecided = Optional.of(reason);
        problem(keyword, "condition not evaluated, requirements inside kept as unknown: " + reason);
        branch = scope.unknownBecause("under a condition that was not evaluated: " + reason);
      }
      block(branch);
    } while (in.accept("elsif"));
    if (in.accept("else")) {
      block(
          taken
              ? scope.inactive()
              : undecided
                  .map(r -> scope.unknownBecause("under a condition that was not evaluated: " + r))
                  .orElse(scope));
    }
  }

  private Value condition(boolean negate) {
    Token open = in.expect("(", "before a condition");
    try {
      Value v = expr.expr();
      in.expect(")", "closing the condition opened at line " + open.line());
      return negate && v instanceof Value.Known k ? Value.bool(!k.truthy()) : v;
    } catch (ParseError e) {
      problem(e.at(), e.getMessage());
      while (!in.atEnd() && !in.peek().is("{")) {
        in.next();
      }
      return new Value.Unknown(e.getMessage());
    }
  }

  private void subBlock(Scope scope) {
    in.expect("sub", "(a block 'sub { ... }')");
    block(scope);
    endOfStatement();
  }

  private void block(Scope scope) {
    Token open = in.expect("{", "opening a block");
    statements(scope, true);
    if (!in.accept("}")) {
      throw new ParseError(open, "block opened here is never closed");
    }
  }

  private void use() {
    in.next();
    Token what = in.peek();
    if (!(what.kind() == Kind.NUMBER || HARMLESS_USE.contains(what.text()))) {
      problem(what, "'use " + what.text() + "' is not evaluated (cpanfiles are never run)");
    }
    in.skipStatement();
  }

  private void separator(String where) {
    if (!in.accept(",") && !in.accept("=>")) {
      throw new ParseError(
          in.peek(), "expected ',' or '=>' " + where + ", found " + in.peek().describe());
    }
  }

  private void endOfStatement() {
    if (in.accept(";") || in.peek().is("}") || in.atEnd()) {
      return;
    }
    throw new ParseError(
        in.peek(), "expected ';' after the statement, found " + in.peek().describe());
  }

  private void problem(Token at, String message) {
    problems.add(new Problem(SourceLocation.of(file, at.line(), at.column()), message));
  }
}
