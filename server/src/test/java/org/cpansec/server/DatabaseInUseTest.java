package org.cpansec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A second server on a database file that another process holds stops with the reason and what to
 * do, not a stack trace. The other process is real: a child JVM that opens the file.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseInUseTest {
  @TempDir Path dir;

  @Test
  void aServerOnADatabaseHeldByAnotherProcessSaysSoWithoutAStackTrace(CapturedOutput output)
      throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("cpansec");
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HoldDatabase.class.getName(),
                url)
            .redirectErrorStream(true)
            .start();
    try (BufferedReader from =
        new BufferedReader(
            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(from.readLine()).isEqualTo("open");

      assertThatThrownBy(
              () ->
                  SpringApplication.run(
                      ServerApplication.class,
                      "--server.port=0",
                      "--spring.datasource.url=" + url,
                      "--spring.main.banner-mode=off"))
          .isNotNull();

      assertThat(output.getAll())
          .contains("APPLICATION FAILED TO START")
          .contains("The embedded H2 database is in use by another process")
          .contains(dir.resolve("cpansec").toString())
          .contains("SPRING_DATASOURCE_URL")
          .doesNotContain("\tat org.");
    } finally {
      holder.getOutputStream().close();
      holder.destroy();
      holder.waitFor();
    }
  }

  /** Opens the database and holds it until its standard input closes. */
  public static final class HoldDatabase {
    public static void main(String[] args) throws Exception {
      try (Connection c = DriverManager.getConnection(args[0], "sa", "")) {
        System.out.println("open");
        System.out.flush();
        while (System.in.read() >= 0) {
          // hold the file until the test is done
        }
      }
    }
  }
}
