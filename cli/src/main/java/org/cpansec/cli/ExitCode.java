package org.cpansec.cli;

/** The CLI's exit codes. A contract: documented in docs/cli.md, never renumbered. */
public final class ExitCode {
  /** The command did its job and has nothing to report. */
  public static final int OK = 0;

  /** The command did its job and found something: vulnerabilities, blocking lint findings. */
  public static final int FINDINGS = 1;

  /** Bad usage, or a fatal error that stopped the command (invalid argument, failed update). */
  public static final int ERROR = 2;

  /** An input (manifest, record, database file, directory) could not be read. */
  public static final int INPUT = 3;

  /** A bug in cpansec. The message asks the user to report it. */
  public static final int INTERNAL = 4;

  private ExitCode() {}
}
