package org.cpansec.cli.audit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.installed.InstalledTrees;
import org.cpansec.manifest.installed.Progress;
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
    List<Path> trees = dirs == null || dirs.isEmpty() ? InstalledTrees.perlInc() : dirs;
    Manifest manifest =
        InstalledTrees.scan(
            trees, AuditRunner.context(options), progress(spec.commandLine().getErr()));
    return AuditRunner.run(spec, options, List.of(manifest), Optional.empty());
  }

  /** A one-line progress bar on stderr, only when stderr is a terminal. */
  private static Progress progress(PrintWriter err) {
    if (System.console() == null) {
      return Progress.NONE;
    }
    return (done, total, current) -> {
      int width = 30;
      int filled = total == 0 ? width : (int) ((long) done * width / total);
      err.print(
          "\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
      if (done == total) {
        err.print("\r" + " ".repeat(width + 24) + "\r");
      }
      err.flush();
    };
  }
}
