package org.cpansec.server.clocks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything about one case's disclosure clock, as its page shows it.
 *
 * @param caseId the case ({@code cna_case.id})
 * @param reference the case's reference
 * @param state the case's state (§2)
 * @param finished published, closed or later: the clock no longer runs
 * @param reportedAt when the issue was reported
 * @param maintainerContactedAt when the mail to the maintainer went out, if recorded
 * @param plannedDisclosure the planned disclosure date, if any
 * @param plannedSource where that date came from: CONTACT, EXTENSION, COORDINATED, ALREADY_PUBLIC,
 *     ABANDONED (or null when set outside the clocks)
 * @param status where the case stands with its maintainer
 * @param answeredAt when the maintainer answered, if recorded
 * @param bouncedAt when the mail to the maintainer bounced, if recorded
 * @param publicSince the date the case was marked already public, if it was
 * @param publicEvidenceUrl the evidence that it is public
 * @param publicEvidenceNote a note on that evidence
 * @param coordination the group of cases sharing the date, if any
 * @param extensions extension requests, oldest first
 * @param checks the recorded checks of the abandoned rule, in the rule's order
 * @param disputes disputes of the record, oldest first
 * @param history every change of the clock, oldest first
 * @param deadlines the case's open deadlines
 */
public record CaseClock(
    long caseId,
    String reference,
    String state,
    boolean finished,
    Instant reportedAt,
    Instant maintainerContactedAt,
    LocalDate plannedDisclosure,
    String plannedSource,
    MaintainerStatus status,
    Instant answeredAt,
    Instant bouncedAt,
    LocalDate publicSince,
    String publicEvidenceUrl,
    String publicEvidenceNote,
    Coordination coordination,
    List<Extension> extensions,
    List<AbandonmentCheck> checks,
    List<Dispute> disputes,
    List<Event> history,
    Deadlines.Agenda deadlines) {

  /** The date shared with other cases, and their references. */
  public record Coordination(long groupId, LocalDate date, List<String> otherReferences) {}

  /** An extension request and, once decided, its decision. */
  public record Extension(
      long id,
      LocalDate requestedDate,
      String reason,
      String requestedBy,
      Instant recordedAt,
      String status,
      String decidedBy,
      Instant decidedAt,
      String decisionReason,
      LocalDate grantedDate) {
    public boolean pending() {
      return "PENDING".equals(status);
    }
  }

  /** A dispute of the case's record (§9). */
  public record Dispute(
      long id,
      Instant receivedAt,
      String sender,
      String body,
      Instant acknowledgedAt,
      String acknowledgedBy,
      Instant acknowledgementDue) {}

  /** One change of the clock: who, when, what, and the planned date before and after. */
  public record Event(
      Instant at,
      String member,
      String action,
      LocalDate oldDate,
      LocalDate newDate,
      String detail) {}
}
