package org.cpansec.server.cveid;

/** What a {@code cve_assignment} row records. */
public enum PoolAction {
  /** An available ID was given to the case. */
  ASSIGN,
  /** An assigned, unshared ID went back to the pool. */
  RELEASE,
  /** The ID left the CNA (for example in the mail to the maintainer). */
  SHARE,
  /** The ID's record was published. */
  PUBLISH,
  /** The ID was withdrawn (released after it was shared, or its record rejected). */
  REJECT
}
