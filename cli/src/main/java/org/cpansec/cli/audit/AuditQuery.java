package org.cpansec.cli.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cpansec.cli.UserException;
import org.cpansec.cpan.DistName;
import org.cpansec.cpan.ModuleName;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.Phase;
import org.cpansec.manifest.Relationship;
import org.cpansec.manifest.SourceLocation;
import org.cpansec.manifest.VersionSpec;
import org.cpansec.version.InvalidRangeException;
import org.cpansec.version.VersionRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * CPAN::Audit's single queries. RANGE is a CPAN::Meta requirement (a bare version means at least
 * that version); without one, every advisory of the distribution is listed.
 */
final class AuditQuery {

  private static final SourceLocation COMMAND_LINE =
      SourceLocation.wholeFile(Path.of("command line"));

  private AuditQuery() {}

  @Command(
      name = "module",
      mixinStandardHelpOptions = true,
      description = "Advisories for the distribution that ships module NAME, within RANGE.")
  static final class Module implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin AuditOptionsMixin options;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "RANGE")
    String range;

    @Override
    public Integer call() {
      return run(spec, options, List.of(module(name, range)));
    }
  }

  @Command(
      name = "modules",
      mixinStandardHelpOptions = true,
      description = "Several module queries at once, each written \"Name;range\" (range optional).")
  static final class Modules implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin AuditOptionsMixin options;

    @Parameters(arity = "1..*", paramLabel = "NAME[;RANGE]")
    List<String> queries;

    @Override
    public Integer call() {
      List<Dependency> deps = new ArrayList<>();
      for (String q : queries) {
        int semi = q.indexOf(';');
        deps.add(semi < 0 ? module(q, null) : module(q.substring(0, semi), q.substring(semi + 1)));
      }
      return run(spec, options, deps);
    }
  }

  @Command(
      name = "dist",
      mixinStandardHelpOptions = true,
      description = "Advisories for distribution NAME (e.g. libwww-perl), within RANGE.")
  static final class Dist implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin AuditOptionsMixin options;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "RANGE")
    String range;

    @Override
    public Integer call() {
      DistName dist;
      try {
        dist = DistName.of(name);
      } catch (IllegalArgumentException e) {
        throw new UserException("'" + name + "' is not a distribution name: " + e.getMessage(), e);
      }
      return run(
          spec,
          options,
          List.of(
              Dependency.distribution(dist, Optional.empty(), requirement(range), COMMAND_LINE)));
    }
  }

  private static Dependency module(String name, String range) {
    ModuleName module;
    try {
      module = ModuleName.of(name.strip());
    } catch (IllegalArgumentException e) {
      throw new UserException("'" + name + "' is not a module name: " + e.getMessage(), e);
    }
    return Dependency.module(
        module,
        requirement(range),
        Phase.RUNTIME,
        Relationship.REQUIRES,
        Optional.empty(),
        COMMAND_LINE);
  }

  private static VersionSpec requirement(String range) {
    if (range == null || range.isBlank()) {
      return new VersionSpec.Requirement(VersionRange.any());
    }
    try {
      return new VersionSpec.Requirement(VersionRange.parseRequirement(range));
    } catch (InvalidRangeException e) {
      throw new UserException(e.getMessage(), e);
    }
  }

  private static int run(CommandSpec spec, AuditOptionsMixin options, List<Dependency> deps) {
    Manifest query =
        new Manifest(COMMAND_LINE.file(), "query", Optional.empty(), deps, List.of(), List.of());
    return AuditRunner.run(spec, options, List.of(query), Optional.empty());
  }
}
