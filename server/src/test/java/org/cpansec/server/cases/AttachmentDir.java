package org.cpansec.server.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points {@code cpansec.cases.attachment-dir} at a fresh temporary directory per context, and
 * lowers the attachment limit to 64 KB.
 */
public final class AttachmentDir
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {
  @Override
  public void initialize(ConfigurableApplicationContext context) {
    try {
      // Not created yet: the server creates it, owner-only, with the first file.
      String dir = Files.createTempDirectory("cpansec-cases-").resolve("attachments").toString();
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "test-attachments",
                  Map.of(
                      "cpansec.cases.attachment-dir",
                      dir,
                      "cpansec.cases.max-attachment-size",
                      "64KB")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
