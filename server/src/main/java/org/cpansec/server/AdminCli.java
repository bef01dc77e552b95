package org.cpansec.server;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar cpansec-server.jar admin <command> [args]}: one-time administration from the
 * command line, on the server's own database. Starts a non-web Spring context (lazily: only what
 * the command needs is created, Flyway included), runs the {@link AdminCommand} bean of that name,
 * and returns its exit status. Arguments shaped like Spring settings ({@code --a.b=value}, a key
 * with a dot) configure the context, as for the server, and are not passed to the command.
 */
public final class AdminCli {
  /** Exit status of a usage error. */
  public static final int USAGE = 2;

  private static final Pattern SETTING =
      Pattern.compile("--[A-Za-z0-9-]+(\\.[A-Za-z0-9_\\[\\]-]+)+=.*");

  private AdminCli() {}

  /**
   * Runs {@code admin} with the arguments after it.
   *
   * @return the exit status
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> settings = new ArrayList<>();
    List<String> words = new ArrayList<>();
    for (String a : args) {
      (SETTING.matcher(a).matches() ? settings : words).add(a);
    }
    ConfigurableApplicationContext context;
    try {
      context =
          new SpringApplicationBuilder(ServerApplication.class)
              .web(WebApplicationType.NONE)
              .bannerMode(Banner.Mode.OFF)
              .logStartupInfo(false)
              .lazyInitialization(true)
              // The command speaks for itself: no log lines, and never a stack trace.
              .properties(Map.of("logging.level.root", "OFF"))
              .run(settings.toArray(String[]::new));
    } catch (RuntimeException e) {
      String why = rootMessage(e);
      err.println("admin: cannot start (database or configuration): " + why);
      if (why != null && why.contains("file is locked")) {
        err.println(
            "admin: the embedded H2 database is open in a running server; stop the server, run"
                + " the command, then start the server again");
      }
      return 1;
    }
    try (context) {
      List<AdminCommand> commands =
          context.getBeansOfType(AdminCommand.class).values().stream()
              .sorted(Comparator.comparing(AdminCommand::name))
              .toList();
      if (words.isEmpty() || words.get(0).equals("help") || words.get(0).equals("--help")) {
        usage(commands, words.isEmpty() ? err : out);
        return words.isEmpty() ? USAGE : 0;
      }
      Optional<AdminCommand> command =
          commands.stream().filter(c -> c.name().equals(words.get(0))).findFirst();
      if (command.isEmpty()) {
        err.println("admin: no command '" + words.get(0) + "'");
        usage(commands, err);
        return USAGE;
      }
      return command.get().run(List.copyOf(words.subList(1, words.size())), out, err);
    }
  }

  private static void usage(List<AdminCommand> commands, PrintStream to) {
    to.println("usage: java -jar cpansec-server.jar admin <command> [arguments]");
    to.println("commands:");
    for (AdminCommand c : commands) {
      to.println("  " + c.summary());
    }
    to.println("Spring settings may follow, as for the server: --spring.datasource.url=...");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
