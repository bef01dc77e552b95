package org.cpansec.server;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Several replicas of the server in one test: whole application contexts started with {@link
 * SpringApplicationBuilder}, each on its own random port, all on one fresh PostgreSQL database of
 * their own (created here, dropped by {@link #close()}). What the replicas share is only what real
 * replicas share: the database (and whatever servers the properties name). Needs PostgreSQL on
 * 127.0.0.1:5432 (see {@link PostgresAvailable}).
 */
public final class Replicas implements AutoCloseable {
  private static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private final String database;
  private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

  /**
   * Keeps the test classes out of the replicas' component scan, as {@code @SpringBootTest} does for
   * its own contexts: other tests' configurations (their clocks, their members) stay out.
   */
  static final class NoTestClasses extends TypeExcludeFilter {
    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
      return reader.getResource().getURL().toString().contains("/test-classes/");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof NoTestClasses;
    }

    @Override
    public int hashCode() {
      return NoTestClasses.class.hashCode();
    }
  }

  private Replicas(String database) {
    this.database = database;
  }

  /**
   * Starts {@code count} replicas on a fresh database, with these properties (as command-line
   * arguments, so they win over the bundled application.yaml) and these extra configuration classes
   * (a shared test clock, say).
   */
  public static Replicas start(int count, Map<String, ?> properties, Class<?>... configurations)
      throws SQLException {
    String database = "cpansec_replicas_" + UUID.randomUUID().toString().replace("-", "");
    admin("CREATE DATABASE " + database);
    Replicas replicas = new Replicas(database);
    try {
      Map<String, Object> p = new HashMap<>(properties);
      p.put("server.port", "0");
      p.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/" + database);
      p.put("spring.datasource.username", "postgres");
      p.put("spring.datasource.password", "");
      p.putIfAbsent("spring.datasource.hikari.maximum-pool-size", "5");
      p.putIfAbsent("cpansec.advisories.import-bundled", "false");
      String[] args =
          p.entrySet().stream()
              .map(e -> "--" + e.getKey() + "=" + e.getValue())
              .toArray(String[]::new);
      Class<?>[] sources = new Class<?>[configurations.length + 1];
      sources[0] = ServerApplication.class;
      System.arraycopy(configurations, 0, sources, 1, configurations.length);
      for (int i = 0; i < count; i++) {
        replicas.contexts.add(
            new SpringApplicationBuilder(sources)
                .initializers(
                    ctx ->
                        ctx.getBeanFactory()
                            .registerSingleton("noTestClasses", new NoTestClasses()))
                .run(args));
      }
      return replicas;
    } catch (RuntimeException e) {
      replicas.close();
      throw e;
    }
  }

  /** The i-th replica's application context. */
  public ConfigurableApplicationContext context(int i) {
    return contexts.get(i);
  }

  /** The i-th replica's HTTP port. */
  public int port(int i) {
    return ((WebServerApplicationContext) contexts.get(i)).getWebServer().getPort();
  }

  /** Stops every replica and drops the database. */
  @Override
  public void close() throws SQLException {
    for (ConfigurableApplicationContext c : contexts) {
      c.close();
    }
    contexts.clear();
    admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
