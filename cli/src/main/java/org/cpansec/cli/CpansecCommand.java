package org.cpansec.cli;

import picocli.CommandLine.Command;

/** The top-level {@code cpansec} command; it only groups the subcommands. */
@Command(
    name = "cpansec",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "Security tools for Perl and CPAN, from the CPAN Security Group.",
    subcommands = {
      VersionCommand.class,
      org.cpansec.cli.db.DbCommand.class,
      picocli.CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok, nothing to report",
      "1:findings (vulnerabilities, blocking lint findings)",
      "2:error: bad usage, invalid input, I/O failure",
      "3:internal error (a bug in cpansec)"
    })
public final class CpansecCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
