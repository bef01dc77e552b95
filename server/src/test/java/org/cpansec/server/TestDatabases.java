package org.cpansec.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The two real databases the tests run on: an H2 file database in a fresh temporary directory, and
 * a fresh PostgreSQL database on 127.0.0.1:5432 (trust auth, user postgres), created once per test
 * JVM and dropped when it exits, so concurrent runs never share one. Without PostgreSQL the
 * PostgreSQL tests are skipped, except under {@code CI=true}, where they fail.
 */
public final class TestDatabases {
  private static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static String pgUrl;

  private TestDatabases() {}

  public static void h2(DynamicPropertyRegistry registry) {
    try {
      Path dir = Files.createTempDirectory("cpansec-h2-");
      registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir.resolve("cpansec"));
      registry.add("spring.datasource.username", () -> "sa");
      registry.add("spring.datasource.password", () -> "");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static void postgres(DynamicPropertyRegistry registry) {
    String url = postgresUrl();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }

  private static synchronized String postgresUrl() {
    if (pgUrl != null) {
      return pgUrl;
    }
    String name =
        "cpansec_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(
            "PostgreSQL on 127.0.0.1:5432 is required under CI=true", e);
      }
      Assumptions.abort("PostgreSQL not reachable on 127.0.0.1:5432: " + e.getMessage());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
    pgUrl = "jdbc:postgresql://127.0.0.1:5432/" + name;
    return pgUrl;
  }

  private static void drop(String name) {
    try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      System.err.println("could not drop test database " + name + ": " + e.getMessage());
    }
  }
}
