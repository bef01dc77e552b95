package org.cpansec.server.cveservices;

import java.time.OffsetDateTime;

/**
 * One CVE ID as CVE Services describes it ({@code GET /cve-id/{id}}, the reservation and list
 * answers).
 *
 * @param cveId the id, {@code CVE-YYYY-NNNN}
 * @param year its {@code cve_year}
 * @param state {@code RESERVED}, {@code PUBLISHED} or {@code REJECTED}
 * @param owningCna the owning organisation's short name, when shown
 * @param requestedByUser the user who reserved it, when shown
 * @param reserved when it was reserved, when shown
 */
public record CveIdInfo(
    String cveId,
    int year,
    String state,
    String owningCna,
    String requestedByUser,
    OffsetDateTime reserved) {}
