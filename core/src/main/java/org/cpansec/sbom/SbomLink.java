package org.cpansec.sbom;

import java.util.Objects;

/** An external reference of a component: what it is and where. */
public record SbomLink(Kind kind, String url) {
  /** The kinds CPAN gives us; each writer maps them to its own vocabulary. */
  public enum Kind {
    /** The release page on MetaCPAN. */
    RELEASE_PAGE,
    /** The release tarball on a CPAN mirror. */
    DOWNLOAD,
    /** The source repository (META resources/repository). */
    REPOSITORY,
    /** The bug tracker (META resources/bugtracker). */
    ISSUE_TRACKER,
    /** The home page (META resources/homepage). */
    HOMEPAGE
  }

  public SbomLink {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(url, "url");
  }
}
