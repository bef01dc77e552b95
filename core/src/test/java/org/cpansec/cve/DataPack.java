package org.cpansec.cve;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Files of the shared data pack, from the test classpath. */
public final class DataPack {
  private DataPack() {}

  public static Path file(String relative) {
    try {
      return Path.of(DataPack.class.getResource("/datapack/" + relative).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("data pack file missing: " + relative, e);
    }
  }

  public static Path tvar(String name) {
    return file("cna/t-var/" + name);
  }
}
