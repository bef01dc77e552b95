package org.cpansec.cli.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cpansec.cli.db.DbShow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpansec audit [PATH…]}: known vulnerabilities in a Perl project. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Find known vulnerabilities in a Perl project: cpanfile.snapshot (exact versions),",
      "cpanfile and META (declared requirements), SBOMs; and the upgrade that makes it safe."
    },
    subcommands = {
      AuditDeps.class,
      AuditInstalled.class,
      AuditSbom.class,
      AuditFix.class,
      AuditQuery.Module.class,
      AuditQuery.Modules.class,
      AuditQuery.Dist.class,
      DbShow.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:nothing found (or --exit-zero)",
      "1:findings at or above --fail-on",
      "2:usage error",
      "3:an input could not be read",
      "4:internal error"
    })
public final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin AuditOptionsMixin options;

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description = "Project directories or manifest files (default: the current directory).")
  List<Path> paths;

  @Override
  public Integer call() {
    return auditPaths(spec, options, paths);
  }

  static int auditPaths(CommandSpec spec, AuditOptionsMixin options, List<Path> paths) {
    List<Path> targets = org.cpansec.cli.ProjectInput.orCurrentDirectory(paths);
    Optional<Path> dir =
        targets.size() == 1 && Files.isDirectory(targets.get(0))
            ? Optional.of(targets.get(0))
            : Optional.empty();
    return AuditRunner.run(
        spec,
        options,
        org.cpansec.cli.ProjectInput.read(targets, AuditRunner.context(options)),
        dir);
  }
}
