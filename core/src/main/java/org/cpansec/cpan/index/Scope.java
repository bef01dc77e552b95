package org.cpansec.cpan.index;

/** When a dependent needs a distribution. */
public enum Scope {
  /** A {@code runtime} requirement: loaded whenever the dependent runs. */
  RUNTIME,
  /** A {@code configure}, {@code build} or {@code test} requirement: needed to install it. */
  BUILD_TEST;

  /** How the scope is written for people: {@code runtime} or {@code build/test}. */
  public String label() {
    return this == RUNTIME ? "runtime" : "build/test";
  }
}
