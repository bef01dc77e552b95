package org.cpansec.cli.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpansec audit sbom FILE}: the CPAN components of a CycloneDX or SPDX SBOM. */
@Command(
    name = "sbom",
    mixinStandardHelpOptions = true,
    description = "Audit the pkg:cpan components of a CycloneDX (JSON, XML) or SPDX (JSON) SBOM.")
final class AuditSbom implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin AuditOptionsMixin options;

  @Parameters(paramLabel = "FILE", arity = "1..*")
  List<Path> files;

  @Override
  public Integer call() {
    return AuditRunner.run(
        spec,
        options,
        org.cpansec.cli.ProjectInput.read(files, AuditRunner.context(options)),
        Optional.empty());
  }
}
