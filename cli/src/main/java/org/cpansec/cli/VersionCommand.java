package org.cpansec.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.cpansec.version.InvalidRangeException;
import org.cpansec.version.InvalidVersionException;
import org.cpansec.version.PerlVersion;
import org.cpansec.version.VersionRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpansec version}: Perl version questions answered with version.pm's semantics. */
@Command(
    name = "version",
    description = "Parse, compare and match Perl versions exactly as version.pm does.",
    mixinStandardHelpOptions = true,
    subcommands = {
      VersionCommand.Parse.class,
      VersionCommand.Compare.class,
      VersionCommand.Range.class
    })
public final class VersionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "parse",
      mixinStandardHelpOptions = true,
      description = "Show how version.pm reads each version: normal form, numified form, alpha.")
  static final class Parse implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin FormatOption format;

    @Parameters(arity = "1..*", paramLabel = "VERSION", description = "Versions to parse.")
    List<String> versions;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      ArrayNode json = Json.array();
      int status = ExitCode.OK;
      for (String text : versions) {
        ObjectNode row = json.addObject().put("input", text);
        try {
          PerlVersion v = PerlVersion.parse(text);
          row.put("valid", true)
              .put("original", v.toString())
              .put("normal", v.normal())
              .put("numify", v.numify())
              .put("alpha", v.isAlpha())
              .put("dotted", v.isDotted());
          v.ignoredText().ifPresent(t -> row.put("ignored", t));
          if (!format.json()) {
            out.printf(
                "%s\tnormal %s\tnumify %s%s%s%n",
                text,
                v.normal(),
                v.numify(),
                v.isAlpha() ? "\talpha" : "",
                v.ignoredText().map(t -> "\tignored '" + t + "'").orElse(""));
          }
        } catch (InvalidVersionException e) {
          status = ExitCode.ERROR;
          row.put("valid", false).put("error", e.perlMessage());
          if (!format.json()) {
            out.printf("%s\t%s%n", text, e.perlMessage());
          }
        }
      }
      if (format.json()) {
        out.println(Json.write(json));
      }
      return status;
    }
  }

  @Command(
      name = "compare",
      mixinStandardHelpOptions = true,
      description = {
        "Compare two versions like version->parse(A) <=> version->parse(B).",
        "Prints the relation (A < B, A == B, A > B)."
      })
  static final class Compare implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin FormatOption format;

    @Parameters(index = "0", paramLabel = "A")
    String left;

    @Parameters(index = "1", paramLabel = "B")
    String right;

    @Override
    public Integer call() {
      PerlVersion a = parseArgument(left);
      PerlVersion b = parseArgument(right);
      int cmp = Integer.signum(a.compareTo(b));
      String relation = cmp < 0 ? "<" : cmp == 0 ? "==" : ">";
      PrintWriter out = spec.commandLine().getOut();
      if (format.json()) {
        ObjectNode json = Json.object();
        json.put("a", left).put("b", right).put("cmp", cmp).put("relation", relation);
        json.put("a_normal", a.normal()).put("b_normal", b.normal());
        out.println(Json.write(json));
      } else {
        out.printf(
            "%s %s %s\t(%s %s %s)%n", left, relation, right, a.normal(), relation, b.normal());
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "range",
      mixinStandardHelpOptions = true,
      description = {
        "Tell whether each VERSION lies in RANGE.",
        "Syntaxes: cpansa (advisory ranges; a bare version means exactly it),",
        "requirement (CPAN::Meta; a bare version means at least it), cna (A <= B, A < B, < B)."
      })
  static final class Range implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin FormatOption format;

    @Option(
        names = "--syntax",
        defaultValue = "cpansa",
        description = "Range syntax: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    RangeSyntax syntax;

    @Parameters(index = "0", paramLabel = "RANGE")
    String range;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "VERSION")
    List<String> versions;

    @Override
    public Integer call() {
      VersionRange parsed;
      try {
        parsed = syntax.parse(range);
      } catch (InvalidRangeException e) {
        throw new UserException(e.getMessage(), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      ObjectNode json = Json.object();
      json.put("range", range).put("syntax", syntax.name()).put("constraints", parsed.toString());
      json.put("empty", parsed.isEmpty());
      ArrayNode rows = json.putArray("versions");
      if (!format.json()) {
        out.printf(
            "range %s (%s): %s%s%n",
            range, syntax, parsed, parsed.isEmpty() ? " — matches no version" : "");
      }
      for (String text : versions) {
        boolean in = parsed.contains(parseArgument(text));
        rows.addObject().put("version", text).put("contained", in);
        if (!format.json()) {
          out.printf("%s\t%s%n", text, in ? "in range" : "not in range");
        }
      }
      if (format.json()) {
        out.println(Json.write(json));
      }
      return ExitCode.OK;
    }
  }

  /** The range syntaxes, named as on the command line. */
  enum RangeSyntax {
    cpansa {
      @Override
      VersionRange parse(String text) {
        return VersionRange.parse(text);
      }
    },
    requirement {
      @Override
      VersionRange parse(String text) {
        return VersionRange.parseRequirement(text);
      }
    },
    cna {
      @Override
      VersionRange parse(String text) {
        return VersionRange.parseCna(text);
      }
    };

    abstract VersionRange parse(String text);
  }

  static PerlVersion parseArgument(String text) {
    try {
      return PerlVersion.parse(text);
    } catch (InvalidVersionException e) {
      throw new UserException("'" + text + "': " + e.perlMessage(), e);
    }
  }
}
