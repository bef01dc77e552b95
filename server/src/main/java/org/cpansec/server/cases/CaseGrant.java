package org.cpansec.server.cases;

import java.time.OffsetDateTime;

/** An external party's link to one case (the token itself is never stored, only its SHA-256). */
public record CaseGrant(
    long id,
    long caseId,
    Party party,
    String name,
    String email,
    OffsetDateTime createdAt,
    OffsetDateTime revokedAt) {

  public boolean revoked() {
    return revokedAt != null;
  }
}
