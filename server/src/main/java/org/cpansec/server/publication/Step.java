package org.cpansec.server.publication;

/**
 * The steps of a publication (CPANSEC-PROCESS.md §8), in the order they run. Every step but {@link
 * #STATE} is done once per CVE record of the case.
 */
public enum Step {
  /** The fix patch, if one is marked, published under {@code patches/}. */
  PATCH("publish the fix patch"),
  /** The advisory in the database, the feeds and the OSV API. */
  ADVISORY("make the advisory public"),
  /** The CVE record at CVE Services (POST, or PUT when already published). */
  CVE_SERVICES("publish at CVE Services"),
  /** The announcement to the cve-announce list. */
  ANNOUNCEMENT("announce on the list"),
  /** The announcement forwarded to each maintainer with an address on the case. */
  FORWARD_MAINTAINERS("forward to the maintainers"),
  /** The announcement forwarded to the reporter, when they gave an address. */
  FORWARD_REPORTER("forward to the reporter"),
  /** The case's state: PUBLISHED. */
  STATE("mark the case published");

  private final String text;

  Step(String text) {
    this.text = text;
  }

  /** What the step does, for pages. */
  public String text() {
    return text;
  }
}
