package org.cpansec.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cpansec.cve.record.CveId;
import org.cpansec.cve.record.DistributionName;
import org.cpansec.cve.record.InvalidValueException;
import org.cpansec.cve.record.ModuleName;
import org.cpansec.cve.record.RecordStub;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cve init CVE MODULE}: a new record from a reserved id. */
@Command(
    name = "init",
    description = "Write a stub cves/CVE.yaml for a reserved CVE id (reserved/CVE must exist).")
final class CveInit implements Callable<Integer> {
  @ParentCommand CveCommand cve;

  @Parameters(index = "0", paramLabel = "CVE")
  String id;

  @Parameters(index = "1", paramLabel = "MODULE")
  String module;

  @Option(
      names = "--distribution",
      paramLabel = "DIST",
      description = "Distribution name (default: MODULE with '::' replaced by '-').")
  String distribution;

  @Option(names = "--force", description = "Write even when reserved/CVE does not exist.")
  boolean force;

  @Override
  public Integer call() {
    CveId c;
    ModuleName m;
    DistributionName d;
    try {
      c = CveId.of(id);
      m = ModuleName.of(module);
      d = distribution == null ? RecordStub.distributionOf(m) : DistributionName.of(distribution);
    } catch (InvalidValueException e) {
      throw new UserException(e.getMessage());
    }
    Path reserved = cve.root().resolve("reserved").resolve(c.value());
    if (!force && !Files.exists(reserved)) {
      throw new UserException(
          c + " is not reserved (no " + reserved + "); reserve it first, or use --force");
    }
    Path target = cve.yaml(c);
    // Never overwrite: a record is somebody's work, and --force only waives the reservation.
    if (Files.exists(target)) {
      throw new UserException(target + " exists already; nothing was written");
    }
    CveCommand.write(target, RecordStub.yaml(c, m, d));
    cve.spec.commandLine().getOut().println("wrote " + target);
    cve.spec
        .commandLine()
        .getOut()
        .println("fill in the TODO placeholders, then: cpansec cve check " + c);
    return ExitCode.OK;
  }
}
