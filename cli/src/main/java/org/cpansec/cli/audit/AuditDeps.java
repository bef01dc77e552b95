package org.cpansec.cli.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpansec audit deps [DIR]}: CPAN::Audit's spelling of {@code cpansec audit DIR}. */
@Command(
    name = "deps",
    mixinStandardHelpOptions = true,
    description =
        "Audit the project in DIR (as CPAN::Audit's 'deps'): the same as 'cpansec audit DIR'.")
final class AuditDeps implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin AuditOptionsMixin options;

  @Parameters(arity = "0..*", paramLabel = "PATH")
  List<Path> paths;

  @Override
  public Integer call() {
    return AuditCommand.auditPaths(spec, options, paths);
  }
}
