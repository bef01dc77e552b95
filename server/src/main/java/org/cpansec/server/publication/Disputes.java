package org.cpansec.server.publication;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cpansec.server.account.Member;
import org.cpansec.server.audit.AuditLog;
import org.cpansec.server.cases.CaseRecord;
import org.cpansec.server.cases.CaseState;
import org.cpansec.server.cases.Cases;
import org.cpansec.server.cases.TransitionReason;
import org.cpansec.server.clocks.CaseClock;
import org.cpansec.server.clocks.ClockException;
import org.cpansec.server.clocks.DisclosureClock;
import org.cpansec.server.mail.MailPurpose;
import org.cpansec.server.mail.MailService;
import org.cpansec.server.mail.Recipients;
import org.cpansec.server.publication.PublicationStore.DisputeRow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disputes of a published record (CPANSEC-PROCESS.md §9): received (the case becomes DISPUTED),
 * acknowledged within 5 business days (the DISPUTE_ACKNOWLEDGEMENT mail), validated and discussed,
 * decided and communicated (recorded; the case is PUBLISHED again once every dispute is decided).
 * The dispute itself, its acknowledgement and its deadline are the clocks package's ({@link
 * DisclosureClock}, {@code case_dispute}), so the dashboard and the reminders see it; this service
 * adds which record it is about, where the acknowledgement goes, and the decision.
 */
@Service
public class Disputes {
  /** What a dispute was decided. */
  public enum Decision {
    /** The dispute is right: the record is corrected (then published as a §9 update). */
    UPHELD("upheld: the record is corrected"),
    /** The dispute is not: the record stands. */
    REJECTED("rejected: the record stands");

    private final String text;

    Decision(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  private static final int MAX_TEXT = 4000;

  private final PublicationStore store;
  private final Publication publication;
  private final DisclosureClock clocks;
  private final Cases cases;
  private final MailService mail;
  private final AuditLog audit;
  private final PublicationProperties config;
  private final Clock clock;
  private final TransactionTemplate tx;

  Disputes(
      PublicationStore store,
      Publication publication,
      DisclosureClock clocks,
      Cases cases,
      MailService mail,
      AuditLog audit,
      PublicationProperties config,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.publication = publication;
    this.clocks = clocks;
    this.cases = cases;
    this.mail = mail;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
  }

  /** A dispute as the page shows it: the clocks' part and this package's. */
  public record View(CaseClock.Dispute dispute, DisputeRow details) {
    public boolean acknowledged() {
      return dispute.acknowledgedAt() != null;
    }

    public boolean decided() {
      return details != null && details.decided();
    }
  }

  /** The disputes of a case the member sees (the page audits the read). */
  public List<View> list(CaseRecord c) {
    List<DisputeRow> mine = store.disputes(c.id());
    return clocks.view(c.id()).map(CaseClock::disputes).orElse(List.of()).stream()
        .map(
            d ->
                new View(
                    d, mine.stream().filter(x -> x.disputeId() == d.id()).findFirst().orElse(null)))
        .toList();
  }

  /**
   * Records a dispute of one of the case's records, received at {@code receivedAt} (null: now); a
   * PUBLISHED case becomes DISPUTED. Returns what to do next (acknowledge it by …).
   */
  public String record(
      String reference,
      String cve,
      Instant receivedAt,
      String senderName,
      String senderEmail,
      String body,
      Member member) {
    return tx.execute(
        s -> {
          CaseRecord c =
              store.lockCase(publication.forCna(reference, member, "record disputes").id());
          if (c.state() != CaseState.PUBLISHED && c.state() != CaseState.DISPUTED) {
            throw PublicationRefused.conflict(
                "A dispute is about a published record; "
                    + c.reference()
                    + " is "
                    + c.state().name()
                    + ".");
          }
          String id = publication.chosenCve(c, cve);
          String name = required(senderName, "who sent the dispute (a name)", 200);
          String email = optionalAddress(senderEmail);
          String text = required(body, "the text of the dispute", 20000);
          Instant at =
              receivedAt == null ? clock.instant().truncatedTo(ChronoUnit.SECONDS) : receivedAt;
          DisclosureClock.Change change;
          try {
            change =
                clocks.recordDispute(
                    member, c.id(), at, email == null ? name : name + " <" + email + ">", text);
          } catch (ClockException e) {
            throw PublicationRefused.invalid(e.getMessage());
          }
          long disputeId = store.newestClockDispute(c.id());
          store.insertDispute(disputeId, c.id(), id, name, email);
          if (c.state() == CaseState.PUBLISHED) {
            cases.transition(
                c.reference(),
                CaseState.DISPUTED,
                TransitionReason.note("dispute " + disputeId + " of " + id + " received"),
                Publication.viewer(member));
          }
          audit.append(
              Publication.actor(member),
              "publication.dispute",
              c.id(),
              "dispute " + disputeId + " of " + id + " recorded");
          return change.message();
        });
  }

  /**
   * Acknowledges a dispute now: the DISPUTE_ACKNOWLEDGEMENT mail to its sender (when they gave an
   * address; sent once) promising a decision by today + {@code dispute-decision-days}, and the
   * acknowledgement recorded on the clock (which stops its 5-business-day deadline).
   */
  public String acknowledge(String reference, long disputeId, Member member) {
    return tx.execute(
        s -> {
          CaseRecord c =
              store.lockCase(publication.forCna(reference, member, "acknowledge disputes").id());
          View d = find(c, disputeId);
          if (d.acknowledged()) {
            throw PublicationRefused.conflict(
                "This dispute was acknowledged already, on "
                    + d.dispute().acknowledgedAt().atOffset(ZoneOffset.UTC).toLocalDate()
                    + ".");
          }
          Instant now = clock.instant();
          String sent = "";
          if (d.details() != null && d.details().senderEmail() != null) {
            LocalDate decisionBy =
                now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(config.disputeDecisionDays());
            MailService.Queued q =
                mail.send(
                    MailPurpose.DISPUTE_ACKNOWLEDGEMENT,
                    c.id(),
                    Recipients.to(d.details().senderEmail()),
                    Map.of(
                        "cve", d.details().cveId(),
                        "recipient_name", d.details().senderName(),
                        "received_date",
                            d.dispute()
                                .receivedAt()
                                .atOffset(ZoneOffset.UTC)
                                .toLocalDate()
                                .toString(),
                        "decision_by", decisionBy.toString()),
                    "case:" + c.id() + ":DISPUTE_ACKNOWLEDGEMENT:" + disputeId);
            if ("REFUSED".equals(q.status())) {
              throw PublicationRefused.conflict(
                  "The acknowledgement mail was refused: " + q.refusal());
            }
            store.setAcknowledgementMail(disputeId, q.id());
            sent = " The acknowledgement is mailed to " + d.details().senderEmail() + ".";
          }
          try {
            clocks.acknowledgeDispute(member, c.id(), disputeId, now);
          } catch (ClockException e) {
            throw PublicationRefused.conflict(e.getMessage());
          }
          audit.append(
              Publication.actor(member),
              "publication.dispute.ack",
              c.id(),
              "dispute " + disputeId + " acknowledged");
          return "Dispute acknowledged." + sent;
        });
  }

  /**
   * Records the decision on an acknowledged dispute and how it was communicated to the parties;
   * once no dispute of the case waits for a decision, a DISPUTED case is PUBLISHED again.
   */
  public String decide(
      String reference,
      long disputeId,
      String decision,
      String reason,
      String communication,
      Member member) {
    return tx.execute(
        s -> {
          CaseRecord c =
              store.lockCase(publication.forCna(reference, member, "decide disputes").id());
          View d = find(c, disputeId);
          if (!d.acknowledged()) {
            throw PublicationRefused.conflict(
                "Acknowledge the dispute first: it is acknowledged, then validated, discussed and"
                    + " decided (§9).");
          }
          if (d.decided()) {
            throw PublicationRefused.conflict("This dispute was decided already.");
          }
          Decision how = parse(decision);
          String why = required(reason, "the reason for the decision", MAX_TEXT);
          String told =
              required(
                  communication,
                  "how and when the decision was communicated to the parties",
                  MAX_TEXT);
          OffsetDateTime at = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
          if (!store.decide(disputeId, how.name(), why, told, member.id(), at)) {
            throw PublicationRefused.conflict("This dispute was decided meanwhile.");
          }
          boolean open =
              store.disputes(c.id()).stream()
                  .anyMatch(x -> x.disputeId() != disputeId && !x.decided());
          String next = "";
          if (c.state() == CaseState.DISPUTED && !open) {
            cases.transition(
                c.reference(),
                CaseState.PUBLISHED,
                TransitionReason.note(
                    "dispute " + disputeId + " " + how.name().toLowerCase(Locale.ROOT)),
                Publication.viewer(member));
            next = " The case is PUBLISHED again.";
          }
          audit.append(
              Publication.actor(member),
              "publication.dispute.decision",
              c.id(),
              "dispute " + disputeId + " " + how.name());
          return "Decision recorded: "
              + how.text()
              + "."
              + next
              + (how == Decision.UPHELD
                  ? " Correct the record in the record editor, then publish the update."
                  : "");
        });
  }

  private View find(CaseRecord c, long disputeId) {
    return list(c).stream()
        .filter(v -> v.dispute().id() == disputeId && v.details() != null)
        .findFirst()
        .orElseThrow(
            () ->
                PublicationRefused.invalid(
                    "There is no such dispute of a published record on this case."));
  }

  private static Decision parse(String decision) {
    try {
      return Decision.valueOf(decision == null ? "" : decision.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw PublicationRefused.invalid("Choose the decision: UPHELD or REJECTED.");
    }
  }

  private static String required(String value, String what, int max) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty()) {
      throw PublicationRefused.invalid("Give " + what + ".");
    }
    if (v.length() > max) {
      throw PublicationRefused.invalid("Shorten " + what + " to at most " + max + " characters.");
    }
    return v;
  }

  private static String optionalAddress(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Recipients.normalize(value.strip(), "e-mail address");
    } catch (IllegalArgumentException e) {
      throw PublicationRefused.invalid(
          "The sender's e-mail address is not an address (expected name@example.org), or leave"
              + " it empty.");
    }
  }

  /** Parses a date-time from a form (UTC, {@code 2026-11-30T14:00}); empty means now. */
  static Optional<Instant> time(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          java.time.LocalDateTime.parse(value.strip()).atOffset(ZoneOffset.UTC).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      throw PublicationRefused.invalid(
          "Enter when the dispute was received as a date and time like 2026-11-30T14:00 (UTC), or"
              + " leave it empty for now.");
    }
  }
}
