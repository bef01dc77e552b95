package org.cpansec.cli.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cpansec.cli.ExitCode;
import org.cpansec.cli.FormatOption;
import org.cpansec.cli.Json;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.Problem;
import org.cpansec.manifest.VersionSpec;
import org.cpansec.version.PerlVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpansec deps [DIR|FILE]}: every dependency found, before any matching. */
@Command(
    name = "deps",
    mixinStandardHelpOptions = true,
    description = {
      "List every dependency of a project as cpansec reads it, before any matching:",
      "module or distribution, version or requirement as written (0 when none), phase,",
      "relationship, feature, and the file and line it came from."
    })
public final class DepsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin FormatOption format;

  @Option(
      names = "--perl",
      paramLabel = "VERSION",
      defaultValue = "5.036000",
      description = "Target perl for \\$] in cpanfile conditions (default: ${DEFAULT-VALUE}).")
  String perl;

  @Option(
      names = "--os",
      paramLabel = "NAME",
      defaultValue = "linux",
      description = "Target \\$^O for cpanfile conditions (default: ${DEFAULT-VALUE}).")
  String os;

  @Parameters(arity = "0..*", paramLabel = "PATH")
  List<Path> paths;

  @Override
  public Integer call() {
    ExtractContext context = ExtractContext.defaults().withTarget(targetPerl(), os);
    List<Path> targets = paths == null || paths.isEmpty() ? List.of(Path.of(".")) : paths;
    List<Manifest> manifests = ProjectReader.read(targets, context);
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      out.println(Json.write(json(manifests)));
    } else {
      for (Manifest m : manifests) {
        for (Dependency d : m.dependencies()) {
          out.printf(
              "%s\t%s\t%s\t%s\t%s\t%s:%d%n",
              d.name(),
              d.version().written(),
              d.phase().specName(),
              d.relationship().name().toLowerCase(java.util.Locale.ROOT),
              d.feature().orElse("-"),
              d.source().file(),
              d.source().line());
        }
        for (Problem p : m.problems()) {
          spec.commandLine().getErr().println("cpansec: " + p);
        }
      }
    }
    return ExitCode.OK;
  }

  private static ObjectNode json(List<Manifest> manifests) {
    ObjectNode root = Json.object();
    ArrayNode deps = root.putArray("dependencies");
    ArrayNode problems = root.putArray("problems");
    for (Manifest m : manifests) {
      for (Dependency d : m.dependencies()) {
        ObjectNode node = deps.addObject();
        node.put("module", d.module().map(Object::toString).orElse(null));
        node.put("distribution", d.distribution().map(Object::toString).orElse(null));
        node.put("requirement", d.version().written());
        node.put("exact", d.version() instanceof VersionSpec.Exact);
        if (d.version() instanceof VersionSpec.Unknown u) {
          node.put("unknown", u.reason());
        }
        node.put("phase", d.phase().specName());
        node.put("relationship", d.relationship().name().toLowerCase(java.util.Locale.ROOT));
        node.put("feature", d.feature().orElse(null));
        node.put("required_by", d.requiredBy().map(Object::toString).orElse(null));
        node.put("file", d.source().file().toString()).put("line", d.source().line());
      }
      for (Problem p : m.problems()) {
        problems
            .addObject()
            .put("file", p.location().file().toString())
            .put("line", p.location().line())
            .put("message", p.message());
      }
    }
    return root;
  }

  private PerlVersion targetPerl() {
    try {
      return PerlVersion.parse(perl);
    } catch (org.cpansec.version.InvalidVersionException e) {
      throw new org.cpansec.cli.UserException("--perl " + perl + ": " + e.perlMessage(), e);
    }
  }
}
