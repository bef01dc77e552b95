package org.cpansec.server.cases;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * An intake report as members see it when opening or reading a case: everything the reporter gave,
 * their identity included (the external view applies the reporter's wish to withhold it).
 */
public record ReportDetails(
    long id,
    String kind,
    String status,
    String distribution,
    String version,
    String downloadUrl,
    String details,
    String context,
    String reporterName,
    String reporterEmail,
    boolean wantsCredit,
    boolean withholdIdentity,
    LocalDate proposedDisclosure,
    OffsetDateTime createdAt,
    int attachments) {

  /** A report not yet made into a case, as the list of reports shows it. */
  public record Pending(
      long id, String kind, String distribution, String version, OffsetDateTime createdAt) {}
}
