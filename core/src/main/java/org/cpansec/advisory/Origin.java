package org.cpansec.advisory;

import java.util.Objects;

/**
 * Where a piece of advisory data came from: the source (e.g. {@code cpansa-json}), the file, and a
 * location inside it (a line, or a JSON pointer for single-line JSON).
 */
public record Origin(String source, String file, String location) {
  public Origin {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(location, "location");
  }

  @Override
  public String toString() {
    return location.isEmpty() ? file : file + ":" + location;
  }
}
