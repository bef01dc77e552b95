package org.cpansec.advisory;

import java.util.Objects;

/**
 * A third-party library the advisory is really about: embedded in the distribution (shipped inside
 * it) or external (a system library it links to). {@code distributedVersion} may be null.
 */
public record ThirdParty(String name, String distributedVersion, boolean embedded) {
  public ThirdParty {
    Objects.requireNonNull(name, "name");
  }
}
