package org.cpansec.server.cases;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One row of {@code cna_case}. */
public record CaseRecord(
    long id,
    String reference,
    Long reportId,
    CaseState state,
    String title,
    String distribution,
    String affectedVersions,
    boolean sensitive,
    OffsetDateTime reportedAt,
    LocalDate earliestPublicReport,
    OffsetDateTime maintainerContactedAt,
    LocalDate plannedDisclosure,
    OffsetDateTime publishedAt,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {}
