package org.cpansec.cve.record;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A reference of a record: a link, an optional name and CNA reference tags. */
public record Reference(String link, Optional<String> name, List<String> tags) {
  public Reference {
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(name, "name");
    tags = List.copyOf(tags);
  }
}
