package org.cpansec.server;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says plainly why the server cannot start when its embedded H2 database file is held by another
 * process (another server on the same {@code ./data/}, or an {@code admin} command), instead of
 * Spring's stack trace. H2 reports that as error 90020, "Database may be already in use".
 */
public final class DatabaseInUseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {
  /** H2's {@code DATABASE_ALREADY_OPEN_1}. */
  static final int H2_DATABASE_ALREADY_OPEN = 90020;

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SQLException e && e.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
        return new FailureAnalysis(
            "The embedded H2 database is in use by another process: "
                + firstLine(e.getMessage())
                + ". H2 lets one process at a time open a database file.",
            "Stop the other process (another cpansec-server started in the same directory, or an"
                + " 'admin' command) and start again. To run a second server beside it, start it"
                + " in another directory (the database is ./data/ under the working directory) or"
                + " point it at another database with SPRING_DATASOURCE_URL.",
            e);
      }
    }
    return null;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no detail)";
    }
    int cut = message.indexOf(". Possible solutions");
    String line = cut > 0 ? message.substring(0, cut) : message;
    int nl = line.indexOf('\n');
    return (nl > 0 ? line.substring(0, nl) : line).strip();
  }
}
