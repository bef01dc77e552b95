package org.cpansec.cpan.index;

import java.util.Objects;
import org.cpansec.manifest.Phase;
import org.cpansec.manifest.Relationship;

/**
 * One prerequisite of a release as its META states it: a module, the phase and relationship, and
 * the version requirement as written ({@code 0} for any).
 */
public record Requirement(String module, Phase phase, Relationship relationship, String version) {
  public Requirement {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(relationship, "relationship");
    Objects.requireNonNull(version, "version");
  }

  /**
   * Does installing or running the release need the module? True for {@code requires} in the
   * runtime, configure, build and test phases; false for {@code recommends}, {@code suggests},
   * {@code conflicts}, the {@code develop} phase (never installed by users) and the pseudo-module
   * {@code perl} (a minimum interpreter version, not a CPAN distribution).
   */
  public boolean isInstallDependency() {
    return relationship == Relationship.REQUIRES
        && phase != Phase.DEVELOP
        && !module.equals("perl");
  }

  /** The scope of an install dependency: runtime, or build/test (configure, build, test). */
  public Scope scope() {
    return phase == Phase.RUNTIME ? Scope.RUNTIME : Scope.BUILD_TEST;
  }
}
