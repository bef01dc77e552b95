package org.cpansec.cli.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cpansec.cli.ProjectInput;
import org.cpansec.manifest.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpansec audit installed [DIR…]}: the modules installed in perl library trees. */
@Command(
    name = "installed",
    mixinStandardHelpOptions = true,
    description = {
      "Audit the modules installed in DIRs (default: the @INC of the perl on PATH).",
      "Versions are read statically from each .pm file, as Module::Metadata reads them."
    })
final class AuditInstalled implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin AuditOptionsMixin options;

  @Parameters(arity = "0..*", paramLabel = "DIR")
  List<Path> dirs;

  @Override
  public Integer call() {
    Manifest manifest =
        ProjectInput.installed(
            dirs == null ? List.of() : dirs,
            AuditRunner.context(options),
            spec.commandLine().getErr());
    return AuditRunner.run(spec, options, List.of(manifest), Optional.empty());
  }
}
