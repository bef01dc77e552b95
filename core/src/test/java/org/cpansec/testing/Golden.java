package org.cpansec.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under a module's {@code src/test/resources/}. Run the tests with {@code
 * -Dcpansec.golden.update=true} to rewrite them after an intended change; the diff is then reviewed
 * like code.
 */
public final class Golden {

  private Golden() {}

  /** Asserts that {@code actual} equals {@code src/test/resources/<dir>/<name>}. */
  public static void assertMatches(String dir, String name, String actual) {
    Path file = Path.of("src/test/resources", dir, name);
    try {
      if (Boolean.getBoolean("cpansec.golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      }
      assertThat(file)
          .as("golden file %s (update with -Dcpansec.golden.update=true)", file)
          .exists();
      assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
