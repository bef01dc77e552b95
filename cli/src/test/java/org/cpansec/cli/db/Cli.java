package org.cpansec.cli.db;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.cpansec.cli.Main;

/** One run of the CLI in-process: exit code, standard output, standard error. */
record Cli(int exit, String out, String err) {
  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Cli(code, out.toString(), err.toString());
  }
}
