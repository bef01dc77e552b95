package org.cpansec.server.comms;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.cpansec.server.account.Member;
import org.cpansec.server.cases.CaseAccess;
import org.cpansec.server.cases.CaseRecord;
import org.cpansec.server.cases.CaseState;
import org.cpansec.server.cases.ExternalGrants;
import org.cpansec.server.cases.Viewer;
import org.cpansec.server.clocks.CaseClock;
import org.cpansec.server.clocks.DisclosureClock;
import org.cpansec.server.mail.MailService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What this package adds to the cases package's pages: on the case page, the due and overdue
 * markers, the disclosure date (and a coordinated date), "contact the maintainer", extension
 * requests with their decision forms, "already public", the assignees, the case's outgoing mails
 * (with the reason of a refused one) and the mails that came in for it; on the case list, the
 * markers; on the external page, the maintainer's extension requests and form. Nothing is shown to
 * a viewer who may not see the case.
 */
@Service
public class CasePanels {
  private static final Set<CaseState> CONTACT_STATES =
      EnumSet.of(
          CaseState.RESERVED,
          CaseState.MAINTAINER_CONTACTED,
          CaseState.EMBARGO,
          CaseState.DRAFTING,
          CaseState.READY_TO_PUBLISH);

  private final CaseGate gate;
  private final CommsStore store;
  private final DueDates due;
  private final DisclosureClock clocks;
  private final Extensions extensions;
  private final Assignees assignees;
  private final MailService mail;
  private final ExternalGrants grants;

  CasePanels(
      CaseGate gate,
      CommsStore store,
      DueDates due,
      DisclosureClock clocks,
      Extensions extensions,
      Assignees assignees,
      MailService mail,
      ExternalGrants grants) {
    this.gate = gate;
    this.store = store;
    this.due = due;
    this.clocks = clocks;
    this.extensions = extensions;
    this.assignees = assignees;
    this.mail = mail;
    this.grants = grants;
  }

  /** An outgoing mail of the case (no body). */
  public record MailLine(
      long id,
      OffsetDateTime createdAt,
      String purpose,
      List<String> to,
      List<String> cc,
      String subject,
      String status,
      String problem,
      OffsetDateTime sentAt) {}

  /** A mail that came in for the case through the mail intake. */
  public record InboundLine(
      long id,
      String sender,
      String senderName,
      String subject,
      String body,
      String notes,
      OffsetDateTime receivedAt,
      int attachments) {}

  /** A member assigned to the case. */
  public record AssigneeLine(long id, String username, String displayName) {}

  /**
   * The case page's additions.
   *
   * @param contactAction "first" (RESERVED), "further" (already contacted) or null: whether the
   *     "contact the maintainer" button is shown
   * @param plannedSource where the planned date came from, in words
   * @param clockRunning the disclosure clock still runs (not published or closed)
   * @param alreadyPublic the case is marked already public
   */
  public record Panel(
      String reference,
      boolean mayChange,
      List<DueItem> deadlines,
      LocalDate plannedDate,
      String plannedSource,
      CaseClock.Coordination coordination,
      String maintainerStatus,
      boolean clockRunning,
      boolean alreadyPublic,
      String contactAction,
      List<Extensions.RequestLine> requests,
      List<MailLine> mails,
      List<InboundLine> inbound,
      List<AssigneeLine> assignees,
      List<Assignees.Candidate> candidates,
      long viewerId) {

    /** Whether any extension request waits for a decision. */
    public boolean hasPending() {
      return requests.stream().anyMatch(Extensions.RequestLine::pending);
    }
  }

  /** The case page's additions, when the viewer may see the case. */
  @Transactional(readOnly = true)
  public Optional<Panel> forCase(CaseRecord c, Viewer viewer) {
    if (!(viewer instanceof Viewer.Staff s) || !gate.maySee(viewer, c)) {
      return Optional.empty();
    }
    Member me = s.member();
    boolean mayChange = CaseAccess.isCnaMember(me);
    List<AssigneeLine> assigned =
        assignees.of(c.id()).stream()
            .map(a -> new AssigneeLine(a.id(), a.username(), a.displayName()))
            .toList();
    Set<Long> mine = assigned.stream().anyMatch(a -> a.id() == me.id()) ? Set.of(c.id()) : Set.of();
    Optional<CaseClock> k = clocks.view(c.id());
    String status = k.map(x -> x.status().description()).orElse(null);
    boolean running = k.map(x -> !x.finished()).orElse(false);
    String source = k.map(CaseClock::plannedSource).orElse(null);
    List<MailLine> mails =
        mail.mailsOfCase(c.id()).stream()
            .map(
                m ->
                    new MailLine(
                        m.id(),
                        m.createdAt(),
                        m.purpose(),
                        m.to(),
                        m.cc(),
                        m.subject(),
                        m.status(),
                        m.lastError(),
                        m.sentAt()))
            .toList();
    List<InboundLine> inbound =
        store.inboundMails(c.id()).stream()
            .map(
                i ->
                    new InboundLine(
                        i.id(),
                        i.sender(),
                        i.senderName(),
                        i.subject(),
                        i.body(),
                        i.notes(),
                        i.receivedAt(),
                        i.attachments()))
            .toList();
    return Optional.of(
        new Panel(
            c.reference(),
            mayChange,
            due.ofCase(c, mine),
            c.plannedDisclosure(),
            sourceWords(source),
            k.map(CaseClock::coordination).orElse(null),
            status,
            running,
            "ALREADY_PUBLIC".equals(source),
            mayChange && CONTACT_STATES.contains(c.state())
                ? (c.state() == CaseState.RESERVED ? "first" : "further")
                : null,
            extensions.requests(c.id()),
            mails,
            inbound,
            assigned,
            mayChange ? assignees.candidates(c) : List.of(),
            me.id()));
  }

  /**
   * The overdue and due-soon markers of the listed cases the viewer may see, by case id (cases with
   * none are absent).
   */
  @Transactional(readOnly = true)
  public Map<Long, List<DueItem>> marks(List<CaseRecord> listed, Viewer viewer) {
    if (!(viewer instanceof Viewer.Staff s)) {
      return Map.of();
    }
    Map<Long, CaseRecord> visible = new LinkedHashMap<>();
    for (CaseRecord c : listed) {
      if (gate.maySee(viewer, c)) {
        visible.put(c.id(), c);
      }
    }
    if (visible.isEmpty()) {
      return Map.of();
    }
    Set<Long> mine =
        store.assignedTo(s.member().id(), gate.visible(viewer)).stream()
            .map(CaseRecord::id)
            .collect(Collectors.toSet());
    return due.all(visible, mine).stream()
        .filter(d -> d.overdue() || d.soon())
        .collect(Collectors.groupingBy(DueItem::caseId, LinkedHashMap::new, Collectors.toList()));
  }

  /** The maintainer's extension panel on their external page, for this link's token. */
  @Transactional(readOnly = true)
  public Optional<Extensions.ExternalPanel> forExternal(String token) {
    return grants.resolve(token).map(extensions::external);
  }

  static String sourceWords(String source) {
    if (source == null) {
      return null;
    }
    return switch (source) {
      case "CONTACT" -> "the maintainer contact + the embargo";
      case "EXTENSION" -> "a granted extension";
      case "COORDINATED" -> "a date coordinated with other cases";
      case "ALREADY_PUBLIC" -> "already public: no embargo";
      case "ABANDONED" -> "abandoned module: no grace period";
      default -> source;
    };
  }
}
