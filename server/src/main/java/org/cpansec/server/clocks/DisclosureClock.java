package org.cpansec.server.clocks;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongPredicate;
import org.cpansec.server.account.Member;
import org.cpansec.server.audit.AuditLog;
import org.cpansec.server.cases.CaseAccess;
import org.cpansec.server.cases.Viewer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes of a case's disclosure clock (CPANSEC-PROCESS.md §4, §9), each in one transaction that
 * locks the case rows it touches and records the change in the case's clock history. Only CNA
 * members change a clock; a change that does not fit the rules is refused with a {@link
 * ClockException} saying why.
 *
 * <p>Where the planned date comes from decides what may move it: the maintainer contact sets it
 * (contact date + {@code embargo-days}) unless it came from an extension, a coordinated date, the
 * "already public" mark or the abandoned rule; an extension or a coordinated date moves it; a case
 * that is already public or abandoned has no embargo (its date is today) and leaves its
 * coordination group.
 *
 * <p>Every change is a row of the case's clock history ({@code clock_event}) and an entry of the
 * audit log ({@link AuditLog}, action {@code clock.<event>}) in the same transaction; every read of
 * the page, {@link #read}, is audited as {@code clock.view}. Changes apply the workspace's access
 * rule ({@link CaseAccess}) themselves: a case the member may not see is "no such case".
 */
@Service
public class DisclosureClock {
  static final String CONTACT = "CONTACT";
  static final String EXTENSION = "EXTENSION";
  static final String COORDINATED = "COORDINATED";
  static final String ALREADY_PUBLIC = "ALREADY_PUBLIC";
  static final String ABANDONED = "ABANDONED";

  private static final int MAX_REASON = 4000;
  private static final int MAX_URL = 2000;

  private final ClockStore store;
  private final ClockRules rules;
  private final Deadlines deadlines;
  private final CaseAccess access;
  private final AuditLog audit;
  private final Clock clock;

  public DisclosureClock(
      ClockStore store,
      ClockRules rules,
      Deadlines deadlines,
      CaseAccess access,
      AuditLog audit,
      Clock clock) {
    this.store = store;
    this.rules = rules;
    this.deadlines = deadlines;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * What a change did, for the member who made it.
   *
   * @param message one sentence saying what changed
   * @param plannedDisclosure the case's planned disclosure date afterwards (may be null)
   */
  public record Change(String message, LocalDate plannedDisclosure) {}

  /** What a maintainer said, or that the mail bounced. */
  public enum Response {
    ANSWERED,
    BOUNCED
  }

  /**
   * The case's clock as its page shows it, for a member who may see the case ({@link CaseAccess});
   * empty otherwise, or when there is no such case. Audited as {@code clock.view}, in the same
   * transaction.
   */
  @Transactional
  public java.util.Optional<CaseClock> read(Member reader, long caseId) {
    Viewer viewer = Viewer.of(reader);
    if (access.memberCase(caseId, viewer).isEmpty()) {
      return java.util.Optional.empty();
    }
    java.util.Optional<CaseClock> clockView = store.caseById(caseId).map(this::view);
    clockView.ifPresent(
        v -> audit.append(viewer.actor(), "clock.view", caseId, v.reference() + " clock"));
    return clockView;
  }

  /**
   * The case's clock, read without an access check and without an audit entry: for this package's
   * own work and tests. Pages use {@link #read}.
   */
  @Transactional(readOnly = true)
  public java.util.Optional<CaseClock> view(long caseId) {
    return store.caseById(caseId).map(this::view);
  }

  private CaseClock view(ClockStore.CaseRow c) {
    ClockStore.ClockRow k = store.clock(c.id());
    List<AbandonmentCheck> checks = store.checks(c.id());
    CaseClock.Coordination coordination = null;
    if (k.groupId() != null) {
      LocalDate date = store.groupDate(k.groupId()).orElse(null);
      List<String> others =
          store.groupCases(k.groupId()).stream()
              .filter(o -> o.id() != c.id())
              .map(ClockStore.CaseRow::reference)
              .toList();
      coordination = new CaseClock.Coordination(k.groupId(), date, others);
    }
    List<CaseClock.Dispute> disputes =
        store.disputes(c.id()).stream()
            .map(
                d ->
                    new CaseClock.Dispute(
                        d.id(),
                        d.receivedAt(),
                        d.sender(),
                        d.body(),
                        d.acknowledgedAt(),
                        d.acknowledgedBy(),
                        rules.disputeAcknowledgementDue(d.receivedAt())))
            .toList();
    return new CaseClock(
        c.id(),
        c.reference(),
        c.state(),
        c.finished(),
        c.reportedAt(),
        c.maintainerContactedAt(),
        c.plannedDisclosure(),
        k.plannedSource(),
        status(c, k, checks),
        k.answeredAt(),
        k.bouncedAt(),
        k.publicSince(),
        k.publicEvidenceUrl(),
        k.publicEvidenceNote(),
        coordination,
        store.extensions(c.id()),
        checks,
        disputes,
        store.events(c.id()),
        deadlines.forCase(c.id()));
  }

  /** Where the case stands with its maintainer today. */
  @Transactional(readOnly = true)
  public MaintainerStatus status(long caseId) {
    ClockStore.CaseRow c = store.caseById(caseId).orElseThrow(() -> noCase());
    return status(c, store.clock(caseId), store.checks(caseId));
  }

  private MaintainerStatus status(
      ClockStore.CaseRow c, ClockStore.ClockRow k, List<AbandonmentCheck> checks) {
    return rules.classify(
        c.maintainerContactedAt(),
        k.answeredAt(),
        k.bouncedAt(),
        c.plannedDisclosure(),
        rules.today(clock),
        checks);
  }

  // ------------------------------------------------------------------ maintainer contact

  /**
   * Records when the mail to the maintainer went out. The planned date becomes that date plus
   * {@code embargo-days}, unless the date came from an extension, a coordination, the "already
   * public" mark or the abandoned rule (or was set outside the clocks): then it is kept.
   */
  @Transactional
  public Change recordContact(Member actor, long caseId, Instant at) {
    requireCna(actor, caseId);
    ClockStore.CaseRow c = lockOpen(caseId);
    Objects.requireNonNull(at, "at");
    if (at.isAfter(clock.instant())) {
      throw new ClockException("The contact time " + describe(at) + " is in the future.");
    }
    if (at.isBefore(c.reportedAt())) {
      throw new ClockException(
          "The contact time "
              + describe(at)
              + " is before the case was reported ("
              + describe(c.reportedAt())
              + ").");
    }
    store.setContacted(caseId, at);
    ClockStore.ClockRow k = store.clock(caseId);
    LocalDate old = c.plannedDisclosure();
    boolean fromContact = old == null || CONTACT.equals(k.plannedSource());
    if (fromContact) {
      LocalDate planned = rules.plannedDisclosure(at);
      store.setPlanned(caseId, planned, CONTACT);
      event(
          caseId,
          actor.id(),
          "MAINTAINER_CONTACTED",
          old,
          planned,
          "Mail to the maintainer on "
              + describe(at)
              + "; planned date = that date + "
              + rules.config().embargoDays()
              + " days.");
      return new Change(
          "Maintainer contact recorded; planned disclosure date " + planned + ".", planned);
    }
    event(
        caseId,
        actor.id(),
        "MAINTAINER_CONTACTED",
        old,
        old,
        "Mail to the maintainer on "
            + describe(at)
            + "; planned date kept (it comes from "
            + sourceWords(k.plannedSource())
            + ").");
    return new Change(
        "Maintainer contact recorded; the planned date "
            + old
            + " is kept (it comes from "
            + sourceWords(k.plannedSource())
            + ").",
        old);
  }

  /** Records the maintainer's answer, or that the mail bounced. */
  @Transactional
  public Change recordResponse(Member actor, long caseId, Response response, Instant at) {
    requireCna(actor, caseId);
    ClockStore.CaseRow c = lockOpen(caseId);
    if (c.maintainerContactedAt() == null) {
      throw new ClockException("Record the maintainer contact first.");
    }
    if (at.isAfter(clock.instant())) {
      throw new ClockException("The time " + describe(at) + " is in the future.");
    }
    if (at.isBefore(c.maintainerContactedAt())) {
      throw new ClockException(
          "The time "
              + describe(at)
              + " is before the maintainer was contacted ("
              + describe(c.maintainerContactedAt())
              + ").");
    }
    if (response == Response.ANSWERED) {
      store.setAnswered(caseId, at);
      event(
          caseId,
          actor.id(),
          "MAINTAINER_ANSWERED",
          c.plannedDisclosure(),
          c.plannedDisclosure(),
          "Answer on " + describe(at) + ".");
      return new Change("The maintainer's answer is recorded.", c.plannedDisclosure());
    }
    store.setBounced(caseId, at);
    event(
        caseId,
        actor.id(),
        "MAIL_BOUNCED",
        c.plannedDisclosure(),
        c.plannedDisclosure(),
        "Bounce on " + describe(at) + ".");
    return new Change(
        "The bounce is recorded: find another address, or record the abandonment evidence.",
        c.plannedDisclosure());
  }

  // ------------------------------------------------------------------ extensions

  /** Records a maintainer's request for a later date; a CNA member decides it later. */
  @Transactional
  public Change requestExtension(
      Member actor, long caseId, LocalDate requested, String reason, String requestedBy) {
    requireCna(actor, caseId);
    ClockStore.CaseRow c = lockOpen(caseId);
    ClockStore.ClockRow k = store.clock(caseId);
    requireEmbargo(c, k);
    if (requested == null) {
      throw new ClockException("Enter the requested date, like 2026-12-31.");
    }
    if (!requested.isAfter(c.plannedDisclosure())) {
      throw new ClockException(
          "An extension asks for a date later than the planned date "
              + c.plannedDisclosure()
              + "; "
              + requested
              + " is not.");
    }
    String why = text(reason, "the reason for the request", MAX_REASON);
    String who = text(requestedBy, "who asked (name or address)", 200);
    store.insertExtension(caseId, requested, why, who, actor.id());
    event(
        caseId,
        actor.id(),
        "EXTENSION_REQUESTED",
        c.plannedDisclosure(),
        c.plannedDisclosure(),
        who + " asked for " + requested + ": " + why);
    return new Change(
        "Extension request to " + requested + " recorded; a CNA member decides it.",
        c.plannedDisclosure());
  }

  /**
   * Grants or refuses a pending extension, with a reason. A grant moves the planned date to the
   * requested date (or to {@code grantedDate} when given); on a coordinated case it moves the
   * coordinated date of every case in the group.
   */
  @Transactional
  public Change decideExtension(
      Member actor,
      long caseId,
      long extensionId,
      boolean grant,
      String reason,
      LocalDate grantedDate) {
    requireCna(actor, caseId);
    ClockStore.CaseRow c = lockOpen(caseId);
    CaseClock.Extension x =
        store
            .extension(caseId, extensionId)
            .orElseThrow(() -> new ClockException("There is no such extension request."));
    if (!x.pending()) {
      throw new ClockException(
          "This request was already decided (" + x.status().toLowerCase(Locale.ROOT) + ").");
    }
    String why = text(reason, "the reason for the decision", MAX_REASON);
    if (!grant) {
      decided(store.decideExtension(extensionId, "REFUSED", actor.id(), why, null));
      event(
          caseId,
          actor.id(),
          "EXTENSION_REFUSED",
          c.plannedDisclosure(),
          c.plannedDisclosure(),
          "Request for " + x.requestedDate() + " refused: " + why);
      return new Change(
          "Extension refused; the planned date stays " + c.plannedDisclosure() + ".",
          c.plannedDisclosure());
    }
    ClockStore.ClockRow k = store.clock(caseId);
    requireEmbargo(c, k);
    LocalDate date = grantedDate != null ? grantedDate : x.requestedDate();
    if (!date.isAfter(c.plannedDisclosure())) {
      throw new ClockException(
          "A granted extension moves the date later than the planned date "
              + c.plannedDisclosure()
              + "; "
              + date
              + " is not.");
    }
    decided(store.decideExtension(extensionId, "GRANTED", actor.id(), why, date));
    String detail = "Extension granted to " + date + ": " + why;
    if (k.groupId() != null) {
      moveGroup(actor, k.groupId(), date, "Extension granted on " + c.reference() + ": " + why);
      event(caseId, actor.id(), "EXTENSION_GRANTED", c.plannedDisclosure(), date, detail);
      return new Change(
          "Extension granted: the coordinated date of every case in the group is now " + date + ".",
          date);
    }
    store.setPlanned(caseId, date, EXTENSION);
    event(caseId, actor.id(), "EXTENSION_GRANTED", c.plannedDisclosure(), date, detail);
    return new Change("Extension granted: the planned date is now " + date + ".", date);
  }

  // ------------------------------------------------------------------ coordination

  /**
   * Sets one date shared by this case, the cases of its coordination group and the cases named (by
   * reference): every one of them gets the date, and each change is recorded on each case.
   *
   * @param mayChange whether the acting member may see and change a case (by id): a case that fails
   *     it is refused exactly like one that does not exist
   */
  @Transactional
  public Change setCoordinatedDate(
      Member actor,
      long caseId,
      LocalDate date,
      List<String> otherReferences,
      String note,
      LongPredicate mayChange) {
    requireCna(actor, caseId);
    if (date == null) {
      throw new ClockException("Enter the coordinated date, like 2026-12-31.");
    }
    if (date.isBefore(rules.today(clock))) {
      throw new ClockException("The coordinated date " + date + " is in the past.");
    }
    String why = optionalText(note, "the note", 1000);
    ClockStore.CaseRow self = store.caseById(caseId).orElseThrow(DisclosureClock::noCase);
    Map<Long, ClockStore.CaseRow> others = new LinkedHashMap<>();
    for (String ref : otherReferences) {
      ClockStore.CaseRow o =
          store
              .caseByReference(ref)
              .filter(r -> mayChange.test(r.id()))
              .orElseThrow(() -> new ClockException("There is no case " + ref + "."));
      if (o.id() != caseId) {
        others.put(o.id(), o);
      }
    }
    Long groupId = store.clock(caseId).groupId();
    if (others.isEmpty() && groupId == null) {
      throw new ClockException(
          "Name at least one other case (by its reference) to share the date with.");
    }
    List<Long> ids = new ArrayList<>(others.keySet());
    ids.add(caseId);
    if (groupId != null) {
      store.groupCases(groupId).forEach(g -> ids.add(g.id()));
    }
    store.lockCases(ids);
    // Re-read under the locks.
    groupId = store.clock(caseId).groupId();
    for (long id : ids) {
      ClockStore.CaseRow r = store.caseById(id).orElseThrow(DisclosureClock::noCase);
      ClockStore.ClockRow k = store.clock(id);
      if (r.finished()) {
        throw new ClockException(
            r.reference() + " is " + r.state() + ": its disclosure clock no longer runs.");
      }
      if (ALREADY_PUBLIC.equals(k.plannedSource()) || ABANDONED.equals(k.plannedSource())) {
        throw new ClockException(
            r.reference()
                + " has no embargo ("
                + sourceWords(k.plannedSource())
                + "): it cannot wait for a coordinated date.");
      }
      if (k.groupId() != null && !k.groupId().equals(groupId)) {
        throw new ClockException(
            r.reference()
                + " already shares a coordinated date with other cases: it has to leave that"
                + " group first.");
      }
    }
    long group;
    if (groupId == null) {
      group = store.createGroup(date, why, actor.id());
    } else {
      group = groupId;
      store.setGroupDate(group, date, why);
    }
    for (long id : ids.stream().distinct().toList()) {
      store.setGroup(id, group);
    }
    moveGroup(actor, group, date, why);
    List<String> refs =
        store.groupCases(group).stream().map(ClockStore.CaseRow::reference).toList();
    return new Change(
        "Coordinated date " + date + " set for " + String.join(", ", refs) + ".", date);
  }

  /** Gives every case of the group the date, recording each change on each case. */
  private void moveGroup(Member actor, long group, LocalDate date, String why) {
    store.setGroupDate(group, date, null);
    List<ClockStore.CaseRow> cases = store.groupCases(group);
    store.lockCases(cases.stream().map(ClockStore.CaseRow::id).toList());
    String all = String.join(", ", cases.stream().map(ClockStore.CaseRow::reference).toList());
    for (ClockStore.CaseRow r : cases) {
      store.setPlanned(r.id(), date, COORDINATED);
      event(
          r.id(),
          actor.id(),
          "COORDINATED_DATE",
          r.plannedDisclosure(),
          date,
          "Date shared by " + all + (why == null ? "." : ". " + why));
    }
  }

  /** Takes the case out of its coordination group; its date stays as it is. */
  @Transactional
  public Change leaveCoordination(Member actor, long caseId) {
    requireCna(actor, caseId);
    ClockStore.CaseRow c = lockOpen(caseId);
    Long group = store.clock(caseId).groupId();
    if (group == null) {
      throw new ClockException("This case shares no coordinated date.");
    }
    leaveGroup(actor, c, group, "Left the coordination group; the date is kept.");
    return new Change(
        "The case no longer shares its date; the planned date stays " + c.plannedDisclosure() + ".",
        c.plannedDisclosure());
  }

  private void leaveGroup(Member actor, ClockStore.CaseRow c, long group, String detail) {
    store.setGroup(c.id(), null);
    event(
        c.id(),
        actor.id(),
        "LEFT_COORDINATION",
        c.plannedDisclosure(),
        c.plannedDisclosure(),
        detail);
    List<ClockStore.CaseRow> rest = store.groupCases(group);
    if (rest.size() == 1) {
      ClockStore.CaseRow last = rest.get(0);
      store.lockCases(List.of(last.id()));
      store.setGroup(last.id(), null);
      event(
          last.id(),
          actor.id(),
          "LEFT_COORDINATION",
          last.plannedDisclosure(),
          last.plannedDisclosure(),
          c.reference() + " left; no other case shares the date any more. The date is kept.");
    }
  }

  // ------------------------------------------------------------------ already public

  /**
   * The issue is already public (an issue, a commit, a post): no embargo, the planned date becomes
   * today, and the evidence is kept.
   */
  @Transactional
  public Change markAlreadyPublic(Member actor, long caseId, String evidenceUrl, String note) {
    requireCna(actor, caseId);
    String url = url(evidenceUrl, true);
    String why = optionalText(note, "the note", MAX_URL);
    ClockStore.CaseRow c = lockOpen(caseId);
    ClockStore.ClockRow k = store.clock(caseId);
    LocalDate today = rules.today(clock);
    if (k.groupId() != null) {
      leaveGroup(actor, c, k.groupId(), "Already public: no embargo, so no shared date.");
    }
    store.setPublic(caseId, today, url, why);
    store.setPlanned(caseId, today, ALREADY_PUBLIC);
    event(
        caseId,
        actor.id(),
        "ALREADY_PUBLIC",
        c.plannedDisclosure(),
        today,
        "Already public: " + url + (why == null ? "" : " — " + why));
    return new Change("Marked already public: the planned date is today, " + today + ".", today);
  }

  // ------------------------------------------------------------------ abandoned module

  /**
   * Records one checked condition of the abandoned rule. Once all five hold, the module is
   * abandoned: no grace period, so the planned date becomes today (if it was later or unset).
   */
  @Transactional
  public Change recordAbandonmentCheck(Member actor, long caseId, AbandonmentCheck check) {
    requireCna(actor, caseId);
    Objects.requireNonNull(check.criterion(), "criterion");
    if (check.checkedOn() == null) {
      throw new ClockException("Enter the date the condition was checked, like 2026-11-30.");
    }
    String evidence = optionalText(check.evidence(), "the evidence", MAX_REASON);
    String url = url(check.evidenceUrl(), false);
    if (evidence == null && url == null) {
      throw new ClockException("Give the evidence: a text, a link, or both.");
    }
    LocalDate today = rules.today(clock);
    AbandonmentCheck clean =
        new AbandonmentCheck(
            check.criterion(),
            check.holds(),
            check.lastActivity(),
            evidence,
            url,
            check.checkedOn(),
            null);
    rules
        .contradiction(clean, today)
        .ifPresent(
            m -> {
              throw new ClockException(m);
            });
    ClockStore.CaseRow c = lockOpen(caseId);
    boolean before = rules.abandoned(store.checks(caseId));
    store.saveCheck(caseId, clean, actor.id());
    event(
        caseId,
        actor.id(),
        "ABANDONMENT_CHECK",
        c.plannedDisclosure(),
        c.plannedDisclosure(),
        clean.criterion().label()
            + ": "
            + (clean.holds() ? "holds" : "does not hold")
            + (clean.lastActivity() == null ? "" : " (last activity " + clean.lastActivity() + ")")
            + ", checked on "
            + clean.checkedOn()
            + ".");
    boolean after = rules.abandoned(store.checks(caseId));
    if (after && !before) {
      ClockStore.ClockRow k = store.clock(caseId);
      if (k.groupId() != null) {
        leaveGroup(actor, c, k.groupId(), "Abandoned: no grace period, so no shared date.");
      }
      LocalDate planned = c.plannedDisclosure();
      if (planned == null || planned.isAfter(today)) {
        planned = today;
      }
      store.setPlanned(caseId, planned, ABANDONED);
      event(
          caseId,
          actor.id(),
          "ABANDONED",
          c.plannedDisclosure(),
          planned,
          "All five conditions hold for "
              + ClockRules.ABANDONED_YEARS
              + " years: no grace period; publish with a patch.");
      return new Change(
          "All five conditions hold: the module is abandoned. No grace period — the planned date"
              + " is "
              + planned
              + "; publish with a patch.",
          planned);
    }
    return new Change(
        "\"" + clean.criterion().label() + "\" recorded.",
        store.caseById(caseId).get().plannedDisclosure());
  }

  // ------------------------------------------------------------------ disputes

  /** Records a dispute of the case's record, received at {@code receivedAt} from {@code sender}. */
  @Transactional
  public Change recordDispute(
      Member actor, long caseId, Instant receivedAt, String sender, String body) {
    requireCna(actor, caseId);
    String from = text(sender, "who sent the dispute (name or address)", 320);
    String text = text(body, "the text of the dispute", 20000);
    if (receivedAt.isAfter(clock.instant())) {
      throw new ClockException(
          "The time received, " + describe(receivedAt) + ", is in the future.");
    }
    ClockStore.CaseRow c = lockAny(caseId);
    store.insertDispute(caseId, receivedAt, from, text, actor.id());
    Instant due = rules.disputeAcknowledgementDue(receivedAt);
    event(
        caseId,
        actor.id(),
        "DISPUTE_RECEIVED",
        c.plannedDisclosure(),
        c.plannedDisclosure(),
        "Dispute from " + from + " received on " + describe(receivedAt) + ".");
    return new Change(
        "Dispute recorded; acknowledge it by " + describe(due) + ".", c.plannedDisclosure());
  }

  /** Records that a dispute was acknowledged at {@code at}. */
  @Transactional
  public Change acknowledgeDispute(Member actor, long caseId, long disputeId, Instant at) {
    requireCna(actor, caseId);
    ClockStore.CaseRow c = lockAny(caseId);
    ClockStore.Dispute d =
        store.disputes(caseId).stream()
            .filter(x -> x.id() == disputeId)
            .findFirst()
            .orElseThrow(() -> new ClockException("There is no such dispute."));
    if (d.acknowledgedAt() != null) {
      throw new ClockException(
          "This dispute was already acknowledged on " + describe(d.acknowledgedAt()) + ".");
    }
    if (at.isAfter(clock.instant())) {
      throw new ClockException("The time " + describe(at) + " is in the future.");
    }
    if (at.isBefore(d.receivedAt())) {
      throw new ClockException(
          "The acknowledgement ("
              + describe(at)
              + ") cannot be before the dispute was received ("
              + describe(d.receivedAt())
              + ").");
    }
    store.acknowledgeDispute(caseId, disputeId, at, actor.id());
    event(
        caseId,
        actor.id(),
        "DISPUTE_ACKNOWLEDGED",
        c.plannedDisclosure(),
        c.plannedDisclosure(),
        "Dispute from " + d.sender() + " acknowledged on " + describe(at) + ".");
    return new Change("Dispute acknowledged.", c.plannedDisclosure());
  }

  // ------------------------------------------------------------------ helpers

  /**
   * The actor is a CNA member who signed the agreement and may see the case (ADR 0008); a case they
   * may not see is "no such case", like one that does not exist.
   */
  private void requireCna(Member actor, long caseId) {
    if (actor == null || !actor.isCna() || !actor.maySeeEmbargoed()) {
      throw new ClockException("Only CNA members who signed the agreement change a case's clock.");
    }
    if (access.memberCase(caseId, Viewer.of(actor)).isEmpty()) {
      throw noCase();
    }
  }

  /**
   * Records one change of a case's clock: a row of its history and, in the same transaction, an
   * audit entry ({@code clock.<action>}) naming the event and the planned date before and after,
   * never the free text (reasons, senders) the history keeps.
   */
  private void event(
      long caseId,
      Long memberId,
      String action,
      LocalDate oldDate,
      LocalDate newDate,
      String detail) {
    long id = store.event(caseId, memberId, action, oldDate, newDate, detail);
    audit.append(
        memberId == null ? AuditLog.SYSTEM : AuditLog.member(memberId),
        "clock." + action.toLowerCase(Locale.ROOT),
        caseId,
        "clock event "
            + id
            + ", planned date "
            + (oldDate == null ? "none" : oldDate)
            + " -> "
            + (newDate == null ? "none" : newDate));
  }

  /** Locks the case and checks that its clock still runs. */
  private ClockStore.CaseRow lockOpen(long caseId) {
    ClockStore.CaseRow c = lockAny(caseId);
    if (c.finished()) {
      throw new ClockException(
          c.reference() + " is " + c.state() + ": its disclosure clock no longer runs.");
    }
    return c;
  }

  private ClockStore.CaseRow lockAny(long caseId) {
    store.lockCases(List.of(caseId));
    return store.caseById(caseId).orElseThrow(DisclosureClock::noCase);
  }

  private static void requireEmbargo(ClockStore.CaseRow c, ClockStore.ClockRow k) {
    if (c.plannedDisclosure() == null) {
      throw new ClockException(
          "The case has no planned disclosure date yet: record the maintainer contact first.");
    }
    if (ALREADY_PUBLIC.equals(k.plannedSource()) || ABANDONED.equals(k.plannedSource())) {
      throw new ClockException(
          "The case has no embargo (" + sourceWords(k.plannedSource()) + "): nothing to extend.");
    }
  }

  /** The request was pending when read under the case's lock; anything else is a bug. */
  private static void decided(boolean updated) {
    if (!updated) {
      throw new IllegalStateException("extension request changed under the case lock");
    }
  }

  private static ClockException noCase() {
    return new ClockException("There is no such case.");
  }

  static String sourceWords(String source) {
    if (source == null) {
      return "a date set outside the clocks";
    }
    return switch (source) {
      case CONTACT -> "the maintainer contact";
      case EXTENSION -> "a granted extension";
      case COORDINATED -> "a coordinated date";
      case ALREADY_PUBLIC -> "it is already public";
      case ABANDONED -> "the module is abandoned";
      default -> source;
    };
  }

  private String describe(Instant at) {
    return ClockFormats.dateTime(at, rules.calendar().zone());
  }

  private static String text(String value, String what, int max) {
    String v = optionalText(value, what, max);
    if (v == null) {
      throw new ClockException("Enter " + what + ".");
    }
    return v;
  }

  private static String optionalText(String value, String what, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.length() > max) {
      throw new ClockException(
          "Keep " + what + " to " + max + " characters (it has " + v.length() + ").");
    }
    return v;
  }

  /** An absolute http(s) link, or null when optional and blank. */
  static String url(String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw new ClockException("Enter the link to the evidence (https://…).");
      }
      return null;
    }
    String v = value.strip();
    if (v.length() > MAX_URL) {
      throw new ClockException("Keep the link to " + MAX_URL + " characters.");
    }
    try {
      URI u = new URI(v);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("https") || scheme.equals("http")) && u.getHost() != null) {
        return v;
      }
    } catch (URISyntaxException e) {
      // Falls through to the message below.
    }
    throw new ClockException(
        "The link must be an http or https address, like https://example.org/…");
  }
}
