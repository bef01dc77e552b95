package org.cpansec.cli;

import picocli.CommandLine.Command;

/**
 * The top-level {@code cpansec} command; it only groups the subcommands, which {@link Main}
 * registers (only the one invoked, because building picocli's model of every command costs hundreds
 * of milliseconds at each start).
 */
@Command(
    name = "cpansec",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "Security tools for Perl and CPAN, from the CPAN Security Group.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok, nothing to report",
      "1:findings (vulnerabilities, blocking lint findings)",
      "2:usage error, or a fatal error that stopped the command",
      "3:an input could not be read",
      "4:internal error (a bug in cpansec)"
    })
public final class CpansecCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
