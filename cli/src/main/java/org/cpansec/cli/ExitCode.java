package org.cpansec.cli;

/** The CLI's exit codes. A contract: documented in docs/cli.md, never renumbered. */
public final class ExitCode {
  /** The command did its job and has nothing to report. */
  public static final int OK = 0;

  /** The command did its job and found something: vulnerabilities, blocking lint findings. */
  public static final int FINDINGS = 1;

  /** The command could not do its job: bad usage, unreadable or invalid input, I/O failure. */
  public static final int ERROR = 2;

  /** A bug in cpansec. The message asks the user to report it. */
  public static final int INTERNAL = 3;

  private ExitCode() {}
}
