package org.cpansec.cve.json;

import java.util.Objects;
import java.util.UUID;

/**
 * What a built record says about who made it.
 *
 * @param assignerOrgId the CNA's CVE Services organisation id (also the provider and requester)
 * @param generator the {@code x_generator.engine} text
 */
public record BuildOptions(UUID assignerOrgId, String generator) {
  /** The placeholder organisation id the group's tool and published test vectors use. */
  public static final UUID PLACEHOLDER_ORG =
      UUID.fromString("00000000-0000-4000-9000-000000000000");

  public BuildOptions {
    Objects.requireNonNull(assignerOrgId, "assignerOrgId");
    Objects.requireNonNull(generator, "generator");
  }

  public static BuildOptions defaults() {
    return new BuildOptions(PLACEHOLDER_ORG, "cpansec");
  }
}
