package org.cpansec.server.comms;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cpansec.server.account.Member;
import org.cpansec.server.audit.AuditLog;
import org.cpansec.server.cases.CaseGrant;
import org.cpansec.server.cases.CaseNotFoundException;
import org.cpansec.server.cases.CaseRecord;
import org.cpansec.server.cases.CaseRefusedException;
import org.cpansec.server.cases.Party;
import org.cpansec.server.cases.Viewer;
import org.cpansec.server.clocks.CaseClock;
import org.cpansec.server.clocks.DisclosureClock;
import org.cpansec.server.cveid.CveIdPool;
import org.cpansec.server.cveid.CveIdState;
import org.cpansec.server.mail.MailPurpose;
import org.cpansec.server.mail.MailService;
import org.cpansec.server.mail.Recipients;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Extensions of the planned disclosure date asked for by a maintainer through their link ({@code
 * /case/{token}}), decided by CNA members on the case page, and the "already public" mark
 * (CPANSEC-PROCESS.md §4).
 *
 * <p>A request names a date later than the planned date and a reason; a maintainer has at most one
 * pending request. A grant records the request and its decision on the disclosure clock (which
 * moves the planned date — of every case sharing a coordinated date) and mails EXTENSION_GRANTED to
 * the case's maintainers, Cc the team, once (idempotency key {@code
 * case:<id>:EXTENSION_GRANTED:request-<n>}). A refusal is recorded with its reason, which the
 * maintainer sees on their page. When the mail package refuses the mail (a sensitive case without
 * keys), the extension stands and the refusal is shown.
 */
@Service
public class Extensions {
  static final int MAX_REASON = 4000;

  private final CaseGate gate;
  private final CommsStore store;
  private final DisclosureClock clocks;
  private final MailService mail;
  private final CveIdPool pool;
  private final AuditLog audit;
  private final Clock clock;

  Extensions(
      CaseGate gate,
      CommsStore store,
      DisclosureClock clocks,
      MailService mail,
      CveIdPool pool,
      AuditLog audit,
      Clock clock) {
    this.gate = gate;
    this.store = store;
    this.clocks = clocks;
    this.mail = mail;
    this.pool = pool;
    this.audit = audit;
    this.clock = clock;
  }

  /** A request as pages show it. */
  public record RequestLine(
      long id,
      String requester,
      LocalDate requestedDate,
      String reason,
      OffsetDateTime requestedAt,
      String status,
      String decidedBy,
      OffsetDateTime decidedAt,
      String decisionReason,
      LocalDate grantedDate,
      boolean pending) {}

  /** What the maintainer's page shows: their requests and whether they may ask now. */
  public record ExternalPanel(
      boolean mayRequest, String whyNot, LocalDate plannedDate, List<RequestLine> requests) {}

  // ---- the maintainer's side ----

  /** The extension part of the external page, for the holder of this link. */
  @Transactional(readOnly = true)
  public ExternalPanel external(Viewer viewer) {
    CaseRecord c = externalCase(viewer);
    CaseGrant g = ((Viewer.External) viewer).grant();
    List<RequestLine> mine = store.requestsOfGrant(g.id()).stream().map(Extensions::line).toList();
    String why = g.party() != Party.MAINTAINER ? "not a maintainer" : whyNoRequest(c, mine);
    return new ExternalPanel(why == null, why, c.plannedDisclosure(), mine);
  }

  /** A maintainer asks, through their link, for a later date. */
  @Transactional
  public LocalDate request(Viewer viewer, String date, String reason) {
    CaseRecord c = gate.lockAgain(externalCase(viewer));
    CaseGrant g = ((Viewer.External) viewer).grant();
    if (g.party() != Party.MAINTAINER) {
      throw new CaseRefusedException(
          CaseRefusedException.Kind.NOT_ALLOWED,
          "Only the maintainer asks for a later disclosure date here.");
    }
    List<RequestLine> mine = store.requestsOfGrant(g.id()).stream().map(Extensions::line).toList();
    String why = whyNoRequest(c, mine);
    if (why != null) {
      throw CaseGate.conflict(why);
    }
    LocalDate wanted = date(date, "the date you ask for");
    if (!wanted.isAfter(c.plannedDisclosure())) {
      throw CaseGate.invalid(
          "Ask for a date later than the planned date "
              + c.plannedDisclosure()
              + "; "
              + wanted
              + " is not.");
    }
    String why2 = text(reason, "the reason you need more time", MAX_REASON);
    long id = store.insertRequest(c.id(), g.id(), wanted, why2, clock.instant());
    audit.append(
        viewer.actor(), "comms.extension.request", c.id(), "request " + id + " for " + wanted);
    return wanted;
  }

  private CaseRecord externalCase(Viewer viewer) {
    if (!(viewer instanceof Viewer.External e)) {
      throw new CaseNotFoundException();
    }
    CaseRecord c = store.caseById(e.grant().caseId()).orElseThrow(CaseNotFoundException::new);
    if (!gate.maySee(viewer, c)) {
      throw new CaseNotFoundException();
    }
    return c;
  }

  /** Why the maintainer cannot ask now; null when they can. */
  private String whyNoRequest(CaseRecord c, List<RequestLine> mine) {
    Optional<RequestLine> pending = mine.stream().filter(RequestLine::pending).findFirst();
    if (pending.isPresent()) {
      return "You asked for "
          + pending.get().requestedDate()
          + "; a CNA member will decide. Ask again once that is decided.";
    }
    Optional<CaseClock> k = clocks.view(c.id());
    if (k.isEmpty() || k.get().finished()) {
      return "The case is " + c.state().label() + ": there is no date left to move.";
    }
    if (c.plannedDisclosure() == null) {
      return "There is no planned disclosure date yet.";
    }
    String source = k.get().plannedSource();
    if ("ALREADY_PUBLIC".equals(source) || "ABANDONED".equals(source)) {
      return "The issue is public already: there is no embargo to extend.";
    }
    return null;
  }

  // ---- the members' side ----

  /** The requests of a case, for its page (the caller checked that the viewer sees the case). */
  List<RequestLine> requests(long caseId) {
    return store.requests(caseId).stream().map(Extensions::line).toList();
  }

  /**
   * Grants or refuses a pending request, with a reason; a grant may name another (later) date. CNA
   * members only.
   *
   * @return what was done, in one or two sentences
   */
  @Transactional
  public String decide(
      String reference,
      long requestId,
      boolean grant,
      String reason,
      String grantedDate,
      Viewer viewer) {
    CaseRecord c = gate.lockAgain(gate.forCna(reference, viewer, "decide extension requests"));
    Member me = CaseGate.member(viewer);
    CommsStore.Request x =
        store
            .request(c.id(), requestId)
            .orElseThrow(() -> CaseGate.invalid("This case has no such extension request."));
    if (!x.pending()) {
      throw CaseGate.conflict(
          "This request was already decided ("
              + x.status().toLowerCase(java.util.Locale.ROOT)
              + ").");
    }
    String why = text(reason, "the reason for the decision", MAX_REASON);
    Instant now = clock.instant();
    if (!grant) {
      if (grantedDate != null && !grantedDate.isBlank()) {
        throw CaseGate.invalid("A refusal names no date.");
      }
      decided(store.decide(x.id(), CommsStore.REFUSED, me.id(), now, why, null, null));
      audit.append(
          viewer.actor(), "comms.extension.refuse", c.id(), "request " + x.id() + " refused");
      return "Extension refused; the planned date stays " + c.plannedDisclosure() + ".";
    }
    LocalDate other =
        grantedDate == null || grantedDate.isBlank() ? null : date(grantedDate, "the granted date");
    LocalDate previous = c.plannedDisclosure();
    clocks.requestExtension(
        me, c.id(), x.requestedDate(), x.reason(), x.requester() + ", through their link");
    long clockId =
        clocks.view(c.id()).orElseThrow().extensions().stream()
            .filter(CaseClock.Extension::pending)
            .mapToLong(CaseClock.Extension::id)
            .max()
            .orElseThrow();
    DisclosureClock.Change change = clocks.decideExtension(me, c.id(), clockId, true, why, other);
    LocalDate planned = change.plannedDisclosure();
    decided(store.decide(x.id(), CommsStore.GRANTED, me.id(), now, why, planned, clockId));
    String mailNote = mailGrant(c, x, previous, planned, why, me);
    audit.append(
        viewer.actor(),
        "comms.extension.grant",
        c.id(),
        "request " + x.id() + " granted: " + previous + " → " + planned);
    return change.message() + " " + mailNote;
  }

  /** Mails EXTENSION_GRANTED to the case's maintainers (once per request); says what happened. */
  private String mailGrant(
      CaseRecord c,
      CommsStore.Request x,
      LocalDate previous,
      LocalDate planned,
      String reason,
      Member me) {
    List<String> candidates = new ArrayList<>();
    if (x.grantEmail() != null) {
      candidates.add(x.grantEmail());
    }
    candidates.addAll(store.maintainerAddresses(c.id()));
    List<String> to = new ArrayList<>();
    for (String a : candidates) {
      try {
        String n = Recipients.normalize(a, "Maintainer");
        if (to.stream().noneMatch(n::equalsIgnoreCase)) {
          to.add(n);
        }
      } catch (IllegalArgumentException e) {
        // A link made by hand with an address mail cannot go to: that maintainer is not written to.
      }
    }
    if (to.isEmpty()) {
      return "No mail was sent: the maintainer's link has no address.";
    }
    List<String> ids =
        pool.idsOf(c.id()).stream()
            .filter(e -> e.state() == CveIdState.SHARED || e.state() == CveIdState.PUBLISHED)
            .map(CveIdPool.PoolEntry::cveId)
            .toList();
    Map<String, String> v = new LinkedHashMap<>();
    v.put("cve", ids.isEmpty() ? c.reference() : String.join(", ", ids));
    v.put("distribution", c.distribution() == null ? "the distribution" : c.distribution());
    v.put("recipient_name", x.grantName() == null ? "maintainer" : x.grantName());
    v.put("previous_date", String.valueOf(previous));
    v.put("planned_date", planned.toString());
    v.put("reason", reason);
    v.put("sender_name", me.displayName());
    MailService.Queued q =
        mail.send(
            MailPurpose.EXTENSION_GRANTED,
            c.id(),
            new Recipients(to, List.of()),
            v,
            "case:" + c.id() + ":EXTENSION_GRANTED:request-" + x.id());
    store.setRequestMail(x.id(), q.id());
    if ("REFUSED".equals(q.status())) {
      return "The mail to the maintainer was NOT sent: " + q.refusal();
    }
    return "The maintainer is told by mail (" + String.join(", ", to) + ").";
  }

  /** The issue is already public (evidence link): no embargo, the planned date becomes today. */
  @Transactional
  public String alreadyPublic(String reference, String evidenceUrl, String note, Viewer viewer) {
    CaseRecord c = gate.lockAgain(gate.forCna(reference, viewer, "mark cases already public"));
    Member me = CaseGate.member(viewer);
    DisclosureClock.Change change = clocks.markAlreadyPublic(me, c.id(), evidenceUrl, note);
    int ended = 0;
    for (CommsStore.Request x : store.requests(c.id())) {
      if (x.pending()
          && store.decide(
              x.id(),
              CommsStore.REFUSED,
              me.id(),
              clock.instant(),
              "The issue is public already: there is no embargo to extend.",
              null,
              null)) {
        ended++;
      }
    }
    audit.append(
        viewer.actor(),
        "comms.already-public",
        c.id(),
        "planned disclosure "
            + change.plannedDisclosure()
            + (ended == 0 ? "" : "; " + ended + " extension request(s) ended"));
    return change.message()
        + (ended == 0 ? "" : " Pending extension requests are refused: nothing left to extend.");
  }

  // ---- helpers ----

  private static RequestLine line(CommsStore.Request x) {
    return new RequestLine(
        x.id(),
        x.requester(),
        x.requestedDate(),
        x.reason(),
        x.requestedAt(),
        x.status(),
        x.decidedBy(),
        x.decidedAt(),
        x.decisionReason(),
        x.grantedDate(),
        x.pending());
  }

  private static void decided(boolean updated) {
    if (!updated) {
      throw new IllegalStateException("extension request changed under the case lock");
    }
  }

  private static LocalDate date(String value, String what) {
    if (value == null || value.isBlank()) {
      throw CaseGate.invalid("Enter " + what + ", like 2026-12-31.");
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw CaseGate.invalid("Enter " + what + " as a date like 2026-12-31 (year-month-day).");
    }
  }

  private static String text(String value, String what, int max) {
    if (value == null || value.isBlank()) {
      throw CaseGate.invalid("Enter " + what + ".");
    }
    String v = value.strip();
    if (v.length() > max) {
      throw CaseGate.invalid(
          "Keep " + what + " to " + max + " characters (it has " + v.length() + ").");
    }
    return v;
  }
}
