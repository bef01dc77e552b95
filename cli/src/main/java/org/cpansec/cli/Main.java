package org.cpansec.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of {@code cpansec.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line; returns the exit code. Used by tests with their own writers. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new CpansecCommand());
    cli.setExitCodeExceptionMapper(Main::exitCodeOf);
    cli.setExecutionExceptionHandler(Main::handle);
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine cmd = ex.getCommandLine();
          cmd.getErr().println("cpansec: " + ex.getMessage());
          cmd.getErr()
              .println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
          return ExitCode.ERROR;
        });
    cli.setUsageHelpAutoWidth(true);
    return cli;
  }

  private static int exitCodeOf(Throwable t) {
    return t instanceof UserException ? ((UserException) t).exitCode() : ExitCode.INTERNAL;
  }

  private static int handle(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof UserException) {
      err.println("cpansec: " + ex.getMessage());
      return ((UserException) ex).exitCode();
    }
    err.println("cpansec: internal error: " + ex);
    err.println("This is a bug in cpansec; please report it with the command you ran.");
    if (System.getenv("CPANSEC_DEBUG") != null) {
      ex.printStackTrace(err);
    }
    return ExitCode.INTERNAL;
  }
}
