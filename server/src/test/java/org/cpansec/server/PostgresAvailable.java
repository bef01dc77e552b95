package org.cpansec.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the PostgreSQL tests, before Spring starts, when PostgreSQL is not reachable on
 * 127.0.0.1:5432 — unless {@code CI=true}: then they run and fail, because CI must test both.
 */
public final class PostgresAvailable implements ExecutionCondition {
  private static Boolean reachable;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if ("true".equals(System.getenv("CI")) || reachable()) {
      return ConditionEvaluationResult.enabled("PostgreSQL is reachable, or CI=true requires it");
    }
    return ConditionEvaluationResult.disabled(
        "PostgreSQL not reachable on 127.0.0.1:5432 (set CI=true to fail instead)");
  }

  private static synchronized boolean reachable() {
    if (reachable == null) {
      try (Connection c = DriverManager.getConnection(TestDatabases.PG_ADMIN_URL, "postgres", "")) {
        reachable = c.isValid(2);
      } catch (SQLException e) {
        reachable = false;
      }
    }
    return reachable;
  }
}
