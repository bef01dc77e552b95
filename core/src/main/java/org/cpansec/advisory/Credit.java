package org.cpansec.advisory;

import java.util.Objects;

/** Who is credited, and as what (CVE credit types: finder, reporter, analyst, …, or reviewer). */
public record Credit(String name, String type) {
  public Credit {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
