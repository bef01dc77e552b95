package org.cpansec.server.cveid;

/**
 * Where a pool ID is: {@code AVAILABLE → ASSIGNED → SHARED → PUBLISHED}, or {@code REJECTED}. An ID
 * that is {@code SHARED} or {@code PUBLISHED} has left the CNA and is never given to another case.
 */
public enum CveIdState {
  /** Reserved at CVE Services, in the pool, free for any case. */
  AVAILABLE,
  /** Given to a case; known inside the CNA only, so it may still go back to the pool. */
  ASSIGNED,
  /** Has left the CNA (mailed to a maintainer, for example): bound to its case for good. */
  SHARED,
  /** Its CVE record is public. */
  PUBLISHED,
  /** Withdrawn: never used again; it must also be rejected at CVE Services. */
  REJECTED
}
