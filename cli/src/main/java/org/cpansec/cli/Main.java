package org.cpansec.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Entry point of {@code cpansec.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line; returns the exit code. Used by tests with their own writers. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine(args);
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  /** The subcommands, in the order help lists them. */
  private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("audit", org.cpansec.cli.audit.AuditCommand::new);
    COMMANDS.put("sbom", org.cpansec.cli.sbom.SbomCommand::new);
    COMMANDS.put("deps", DepsCommand::new);
    COMMANDS.put("db", org.cpansec.cli.db.DbCommand::new);
    COMMANDS.put("cve", CveCommand::new);
    COMMANDS.put("version", VersionCommand::new);
    COMMANDS.put("help", CommandLine.HelpCommand::new);
  }

  /**
   * The command line for {@code args}: when the first argument names a subcommand, only that one is
   * registered; otherwise (no arguments, options, help, a typo) all of them, so that usage and
   * suggestions are complete.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine cli = new CommandLine(new CpansecCommand());
    String first = args.length == 0 ? "" : args[0];
    boolean one = COMMANDS.containsKey(first) && !first.equals("help");
    COMMANDS.forEach(
        (name, make) -> {
          if (!one || name.equals(first)) {
            cli.addSubcommand(name, make.get());
          }
        });
    cli.setExitCodeExceptionMapper(Main::exitCodeOf);
    cli.setExecutionExceptionHandler(Main::handle);
    cli.setParameterExceptionHandler(
        (ex, unmatched) -> {
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
