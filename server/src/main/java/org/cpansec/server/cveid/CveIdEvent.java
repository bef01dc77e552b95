package org.cpansec.server.cveid;

import java.time.OffsetDateTime;

/**
 * Published (as a Spring application event, inside the pool's transaction) for every assign,
 * release, share, publish and reject, so that the case's audit log can record it.
 *
 * @param action what happened
 * @param cveId the ID
 * @param caseId the case
 * @param memberId who did it; null for the system
 * @param at when
 * @param note the member's note, if any
 */
public record CveIdEvent(
    PoolAction action, String cveId, long caseId, Long memberId, OffsetDateTime at, String note) {}
