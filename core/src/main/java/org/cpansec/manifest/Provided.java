package org.cpansec.manifest;

import java.util.Objects;
import org.cpansec.cpan.DistName;
import org.cpansec.cpan.ModuleName;

/** A module that a locked distribution provides (snapshot {@code provides}): module → dist. */
public record Provided(
    ModuleName module, DistName distribution, VersionSpec version, SourceLocation source) {
  public Provided {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(source, "source");
  }
}
