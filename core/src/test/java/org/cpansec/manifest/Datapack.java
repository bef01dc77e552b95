package org.cpansec.manifest;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates data-pack files on the test classpath. */
public final class Datapack {
  private Datapack() {}

  public static Path path(String relative) {
    URL url = Datapack.class.getResource("/datapack/" + relative);
    if (url == null) {
      throw new IllegalArgumentException("not in the data pack: " + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path project(String relative) {
    return path("projects/" + relative);
  }
}
