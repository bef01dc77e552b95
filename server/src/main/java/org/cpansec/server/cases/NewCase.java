package org.cpansec.server.cases;

/** A case opened by hand: a title, and optionally the distribution and affected versions. */
public record NewCase(
    String title, String distribution, String affectedVersions, boolean sensitive) {}
