package org.cpansec.server.audit;

import java.io.PrintStream;
import java.util.List;
import org.cpansec.server.AdminCli;
import org.cpansec.server.AdminCommand;
import org.springframework.stereotype.Component;

/**
 * {@code admin audit verify}: recomputes the audit log's hash chain ({@link AuditVerifier}) on the
 * server's database and prints {@code audit log intact: N entries} (exit 0) or the first broken
 * entry and why (exit 1). The check itself is recorded in the log ({@code audit.verify}, actor
 * {@code system}), as the admin page's check is. Anything but {@code verify} is a usage error (exit
 * 2).
 */
@Component
public class AuditVerifyCommand implements AdminCommand {
  private static final String USAGE = "usage: admin audit verify";

  private final AuditVerifier verifier;
  private final AuditLog log;

  public AuditVerifyCommand(AuditVerifier verifier, AuditLog log) {
    this.verifier = verifier;
    this.log = log;
  }

  @Override
  public String name() {
    return "audit";
  }

  @Override
  public String summary() {
    return "audit verify  recompute the audit log's hash chain and name the first broken entry";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.size() != 1 || !args.get(0).equals("verify")) {
      err.println(
          "admin audit: "
              + (args.isEmpty() ? "say what to do" : "unexpected argument '" + args.get(0) + "'"));
      err.println(USAGE);
      return AdminCli.USAGE;
    }
    AuditVerifier.Result r = verifier.verify();
    log.append(
        AuditLog.SYSTEM,
        "audit.verify",
        null,
        "command line: "
            + (r.intact()
                ? "intact, " + r.rowsChecked() + " rows"
                : "broken at row " + r.firstBrokenId()));
    if (r.intact()) {
      out.println("audit log intact: " + r.rowsChecked() + " entries");
      return 0;
    }
    out.println("audit log broken at entry " + r.firstBrokenId() + ": " + r.problem());
    out.println(r.rowsChecked() + " entries before it are intact.");
    return 1;
  }
}
