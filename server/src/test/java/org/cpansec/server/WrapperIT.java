package org.cpansec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README command 1 after {@code mvn package}: {@code ./cpansec-server} starts the packaged server,
 * and it maps the class archive under {@code server/target/run/} (the one the build's training
 * start recorded; without it, the one the first start records when it stops). Runs in {@code
 * verify}, after the jar and the archive exist. Whether the archive is mapped is read from the
 * running JVM's {@code /proc/PID/maps}: the wrapper {@code exec}s java, so the process started here
 * is the JVM.
 */
class WrapperIT {
  private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final Path RUN = ROOT.resolve("server/target/run");

  @TempDir Path work;

  @Test
  void theWrapperStartsTheServerAndMapsTheClassArchive() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "reads a process's maps from /proc");
    boolean archived = archive() != null;
    Started first = start();
    try {
      assertThat(first.ready()).as("ready; the server's output:\n%s", first.output()).isTrue();
      assertThat(first.get("/")).isEqualTo(200);
      if (archived) {
        assertThat(first.mapsArchive())
            .as("the build's archive is mapped; the server's output:\n%s", first.output())
            .isTrue();
      }
    } finally {
      first.stop();
    }
    assertThat(archive()).as("an archive exists after the first stop").isNotNull();

    Started second = start();
    try {
      assertThat(second.ready()).as("ready; the server's output:\n%s", second.output()).isTrue();
      assertThat(second.mapsArchive())
          .as("later starts map the archive; the server's output:\n%s", second.output())
          .isTrue();
    } finally {
      second.stop();
    }
  }

  private static Path archive() {
    for (String name : new String[] {"app.jsa", "app.aot"}) {
      if (Files.isRegularFile(RUN.resolve(name))) {
        return RUN.resolve(name);
      }
    }
    return null;
  }

  private Started start() throws Exception {
    Process p =
        new ProcessBuilder(ROOT.resolve("cpansec-server").toString(), "--server.port=0")
            .directory(work.toFile())
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuffer seen = new StringBuffer();
    CompletableFuture<Integer> port =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line; (line = out.readLine()) != null; ) {
                  seen.append(line).append('\n');
                  Matcher m = STARTED.matcher(line);
                  if (m.find()) {
                    return Integer.parseInt(m.group(1));
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
              return -1;
            });
    int at = port.get(90, TimeUnit.SECONDS);
    assertThat(at).as("the server started; its output:\n%s", seen).isPositive();
    // Keep reading the output (for failure messages) so the server never blocks on a full pipe.
    CompletableFuture.runAsync(
        () -> {
          try {
            for (String line; (line = out.readLine()) != null; ) {
              seen.append(line).append('\n');
            }
          } catch (IOException e) {
            // the process ended
          }
        });
    return new Started(p, at, seen);
  }

  private record Started(Process process, int port, StringBuffer output) {
    /** Readiness follows the port by a moment (the application-ready event). */
    boolean ready() throws Exception {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < until && process.isAlive()) {
        if (get("/actuator/health/readiness") == 200) {
          return true;
        }
        Thread.sleep(100);
      }
      return false;
    }

    int get(String path) {
      Http http = new Http(port);
      return http.send(
              HttpRequest.newBuilder(http.uri(path)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }

    boolean mapsArchive() throws IOException {
      Path archive = archive();
      return archive != null
          && Files.readString(Path.of("/proc", Long.toString(process.pid()), "maps"))
              .contains(archive.toRealPath().toString());
    }

    void stop() throws InterruptedException {
      process.destroy(); // SIGTERM: a graceful stop, and the archive is written if one is due
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
