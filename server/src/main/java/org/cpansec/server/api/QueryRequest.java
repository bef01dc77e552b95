package org.cpansec.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /v1/query}, OSV's shape: a package (by name or purl) and a version. */
public record QueryRequest(String version, @JsonProperty("package") PackageRef pkg) {

  /** OSV's package object: {@code name} + {@code ecosystem}, or {@code purl}. */
  public record PackageRef(String name, String ecosystem, String purl) {}
}
