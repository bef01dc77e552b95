package org.cpansec.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The two real databases the tests run on: an H2 file database in a fresh temporary directory, and
 * a fresh PostgreSQL database on 127.0.0.1:5432 (trust auth, user postgres), created once per test
 * JVM and dropped when it exits, so concurrent runs never share one. Without PostgreSQL the
 * PostgreSQL tests are skipped, except under {@code CI=true}, where they fail.
 */
public final class TestDatabases {
  static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static String pgUrl;

  private TestDatabases() {}

  /** Points a test context at a fresh H2 file database; one per cached context. */
  public static final class H2
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      try {
        Path dir = Files.createTempDirectory("cpansec-h2-");
        use(context, "jdbc:h2:file:" + dir.resolve("cpansec"), "sa");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** Points a test context at this JVM's fresh PostgreSQL database. */
  public static final class Postgres
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      use(context, postgresUrl(), "postgres");
      // Contexts stay cached for the whole run, and test JVMs share one server's connection limit:
      // an idle context gives its connections back (after 10 s idle) instead of keeping ten open.
      context
          .getEnvironment()
          .getPropertySources()
          .addLast(
              new MapPropertySource(
                  "test-db-pool",
                  Map.of(
                      "spring.datasource.hikari.minimum-idle", "0",
                      "spring.datasource.hikari.idle-timeout", "10000")));
    }
  }

  private static void use(ConfigurableApplicationContext context, String url, String user) {
    // Small pools: the test JVM keeps many application contexts cached at once, and their
    // connections together must stay well under PostgreSQL's max_connections (100 by default).
    Map<String, Object> props =
        Map.of(
            "spring.datasource.url", url,
            "spring.datasource.username", user,
            "spring.datasource.password", "",
            "spring.datasource.hikari.maximum-pool-size", "6",
            "spring.datasource.hikari.minimum-idle", "0",
            "spring.datasource.hikari.idle-timeout", "10000");
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-db", props));
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
      throw new IllegalStateException("cannot create a test database on 127.0.0.1:5432", e);
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
