package org.cpansec.server;

import java.io.PrintStream;
import java.util.List;

/**
 * One {@code admin} sub-command of the server jar: {@code java -jar cpansec-server.jar admin <name>
 * [args]}. Implementations are beans of any package; {@link AdminCli} starts a non-web Spring
 * context (same database and Flyway configuration as the server), finds the command by {@link
 * #name()} and runs it.
 */
public interface AdminCommand {
  /** The sub-command's name, such as {@code create}. */
  String name();

  /** One line for the list of commands, such as {@code create --username U ...: ...}. */
  default String summary() {
    return name();
  }

  /**
   * Runs the command.
   *
   * @param args the arguments after the command's name (Spring settings such as {@code
   *     --spring.datasource.url=...} removed)
   * @return the process's exit status: 0 done, 1 refused or failed, 2 usage error
   */
  int run(List<String> args, PrintStream out, PrintStream err);
}
