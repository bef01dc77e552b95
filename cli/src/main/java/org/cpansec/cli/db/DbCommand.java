package org.cpansec.cli.db;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cpansec db}: groups the advisory database subcommands. */
@Command(
    name = "db",
    description = "The advisory database: info, show, search, lint, export, update.",
    mixinStandardHelpOptions = true,
    subcommands = {
      DbInfo.class,
      DbShow.class,
      DbSearch.class,
      DbLint.class,
      DbExport.class,
      DbUpdate.class
    })
public final class DbCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
