package org.cpansec.server.comms;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.cpansec.server.ServerProperties;
import org.cpansec.server.account.Member;
import org.cpansec.server.audit.AuditLog;
import org.cpansec.server.cases.CaseAccess;
import org.cpansec.server.cases.CaseLabel;
import org.cpansec.server.cases.CaseRecord;
import org.cpansec.server.cases.CaseState;
import org.cpansec.server.cases.Cases;
import org.cpansec.server.cases.ExternalGrants;
import org.cpansec.server.cases.Party;
import org.cpansec.server.cases.TransitionReason;
import org.cpansec.server.cases.Viewer;
import org.cpansec.server.clocks.CaseClock;
import org.cpansec.server.clocks.ClockRules;
import org.cpansec.server.clocks.DisclosureClock;
import org.cpansec.server.cveid.CveIdPool;
import org.cpansec.server.cveid.CveIdState;
import org.cpansec.server.mail.MailPurpose;
import org.cpansec.server.mail.MailService;
import org.cpansec.server.mail.MailTemplates;
import org.cpansec.server.mail.OpenPgp;
import org.cpansec.server.mail.Outbox;
import org.cpansec.server.mail.PgpException;
import org.cpansec.server.mail.RecipientKeys;
import org.cpansec.server.mail.Recipients;
import org.cpansec.server.mail.RenderedMail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Contact the maintainer" (CPANSEC-PROCESS.md §4): the MAINTAINER_CONTACT mail, To the maintainer
 * and Cc the team, naming the case's CVE ID(s) and distribution, with the issue, impact and
 * suggested fix the member typed, the planned date sentence and a private link to the case.
 *
 * <p>Sending does, in one transaction that holds the case's row lock: store the maintainer's
 * OpenPGP key if one was pasted; create a MAINTAINER link; on the first contact (case RESERVED)
 * record the contact on the disclosure clock, which sets {@code maintainer_contacted_at} and the
 * planned date (contact date + 14 days); queue the mail (idempotency key {@code
 * case:<id>:MAINTAINER_CONTACT:<address>}); mark the case's CVE IDs SHARED; move the case to
 * MAINTAINER_CONTACTED and take the "Contact Maintainers" label off; record the contact and audit
 * it. When the mail package refuses the mail (a sensitive case and a recipient without a key),
 * nothing of this is kept and the member is told why. The same maintainer is written to once per
 * case: sending again finds the first contact and sends nothing.
 *
 * <p>Once the maintainer was contacted (MAINTAINER_CONTACTED up to READY_TO_PUBLISH), further
 * maintainers of the distribution can be written to: the same mail with the planned date as it
 * stands, without touching the clock or the state.
 */
@Service
public class MaintainerContact {
  static final int MAX_NAME = 200;
  static final int MAX_TEXT = 20_000;
  static final int MAX_KEY_TEXT = 100_000;
  static final String LINK_PLACEHOLDER =
      "(the maintainer's private link, made when the mail is sent)";

  private static final Pattern DISTRIBUTION = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");
  private static final Set<CaseState> LATER_CONTACT =
      EnumSet.of(
          CaseState.MAINTAINER_CONTACTED,
          CaseState.EMBARGO,
          CaseState.DRAFTING,
          CaseState.READY_TO_PUBLISH);
  private static final Set<CveIdState> NAMED_STATES =
      EnumSet.of(CveIdState.ASSIGNED, CveIdState.SHARED, CveIdState.PUBLISHED);

  private final CaseGate gate;
  private final CommsStore store;
  private final MailService mail;
  private final MailTemplates templates;
  private final Outbox outbox;
  private final RecipientKeys keys;
  private final ExternalGrants grants;
  private final DisclosureClock clocks;
  private final ClockRules rules;
  private final CveIdPool pool;
  private final Cases cases;
  private final AuditLog audit;
  private final Clock clock;
  private final String baseUrl;
  private final String team;

  MaintainerContact(
      CaseGate gate,
      CommsStore store,
      MailService mail,
      MailTemplates templates,
      Outbox outbox,
      RecipientKeys keys,
      ExternalGrants grants,
      DisclosureClock clocks,
      ClockRules rules,
      CveIdPool pool,
      Cases cases,
      AuditLog audit,
      Clock clock,
      ServerProperties properties) {
    this.gate = gate;
    this.store = store;
    this.mail = mail;
    this.templates = templates;
    this.outbox = outbox;
    this.keys = keys;
    this.grants = grants;
    this.clocks = clocks;
    this.rules = rules;
    this.pool = pool;
    this.cases = cases;
    this.audit = audit;
    this.clock = clock;
    String base = properties.site().baseUrl().toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.team = properties.mail().teamAddress();
  }

  /** What the member types (or gets prefilled). */
  public record Form(
      String maintainerName,
      String maintainerEmail,
      String publicKey,
      String distribution,
      String issue,
      String impact,
      String suggestedFix) {
    @Override
    public String toString() {
      return "Form[" + maintainerEmail + "]";
    }
  }

  /** A maintainer written to, with what became of the mail. */
  public record ContactLine(
      String name,
      String email,
      String cveIds,
      LocalDate plannedDate,
      boolean initial,
      String sentBy,
      OffsetDateTime sentAt,
      String mailStatus,
      String mailProblem,
      boolean linkRevoked) {}

  /**
   * The contact page.
   *
   * @param refusal why no mail can be sent now (state, no CVE ID, role), or null
   * @param initial whether a mail now is the first contact (the case is RESERVED)
   * @param plannedDate the date the mail would state now
   */
  public record Page(
      CaseRecord caseRecord,
      boolean mayChange,
      String refusal,
      boolean initial,
      Form form,
      String prefillNote,
      List<String> cveIds,
      LocalDate plannedDate,
      List<ContactLine> contacts) {}

  /** The mail as it would be sent, and what will become of it (encrypted, plain or refused). */
  public record Preview(
      String subject, String body, List<String> to, List<String> cc, String encryption) {}

  /**
   * What a send did.
   *
   * @param created false when this maintainer had been written to before (nothing was sent again)
   */
  public record Sent(
      boolean created,
      String address,
      String status,
      String encryption,
      List<String> shared,
      LocalDate plannedDate,
      String message) {}

  /** The contact page of a case: the form (prefilled) and the maintainers written to so far. */
  @Transactional
  public Page page(String reference, Viewer viewer) {
    CaseRecord c = gate.forMember(reference, viewer);
    Member me = CaseGate.member(viewer);
    boolean mayChange = CaseAccess.isCnaMember(me);
    String refusal = mayChange ? whyNot(c) : "Only CNA members contact maintainers.";
    Optional<String> author = store.recordAuthor(c.id());
    Form form =
        new Form(
            author.orElse(""),
            author.map(a -> a.toLowerCase(Locale.ROOT) + "@cpan.org").orElse(""),
            "",
            c.distribution() == null ? "" : c.distribution(),
            "",
            "",
            "");
    String note =
        author
            .map(
                a ->
                    "Name and address are prefilled from the author of the case's CVE record"
                        + " (PAUSE id "
                        + a
                        + "): check them.")
            .orElse(
                "No author is known yet (no CVE record of the case names one): enter the"
                    + " maintainer's name and address.");
    audit.append(viewer.actor(), "comms.contact.view", c.id(), c.reference());
    return new Page(
        c,
        mayChange,
        refusal,
        c.state() == CaseState.RESERVED,
        form,
        note,
        cveIds(c.id()),
        refusal == null ? plannedDate(c, c.state() == CaseState.RESERVED) : null,
        contactLines(c.id()));
  }

  /** The mail as it would go out now, for the member to read before sending. */
  @Transactional
  public Preview preview(String reference, Form form, Viewer viewer) {
    CaseRecord c = gate.forCna(reference, viewer, "contact maintainers");
    boolean initial = mode(c);
    Clean f = validate(form);
    List<String> ids = requireCveIds(c.id());
    String pastedKeyFor = null;
    if (f.publicKey() != null) {
      try {
        OpenPgp.readPublicKey(f.publicKey(), clock.instant());
      } catch (PgpException e) {
        throw CaseGate.invalid("The OpenPGP key was refused: " + e.getMessage());
      }
      pastedKeyFor = f.address();
    }
    LocalDate planned = plannedDate(c, initial);
    RenderedMail m =
        templates.render(
            MailPurpose.MAINTAINER_CONTACT,
            values(ids, f, planned, LINK_PLACEHOLDER, CaseGate.member(viewer)));
    Recipients r = recipients(f.address());
    audit.append(viewer.actor(), "comms.contact.preview", c.id(), c.reference());
    return new Preview(
        m.subject(), m.body(), r.to(), r.cc(), encryption(c.sensitive(), r, pastedKeyFor));
  }

  /**
   * Sends the mail to the maintainer and does everything that goes with it (see the class comment);
   * a second call for the same maintainer and case sends nothing.
   *
   * @throws MailRefused when the mail package refuses the mail; nothing is kept
   */
  @Transactional
  public Sent send(String reference, Form form, Viewer viewer) {
    CaseRecord c = gate.lockAgain(gate.forCna(reference, viewer, "contact maintainers"));
    Member me = CaseGate.member(viewer);
    Clean f = validate(form);
    String addressKey = f.address().toLowerCase(Locale.ROOT);
    Optional<CommsStore.Contact> before = store.contact(c.id(), addressKey);
    if (before.isPresent()) {
      CommsStore.Contact k = before.get();
      String status = mailStatus(k.outboxId()).status();
      return new Sent(
          false,
          k.email(),
          status,
          null,
          List.of(),
          k.plannedDate(),
          k.email()
              + " was already written to about this case on "
              + k.sentAt().toLocalDate()
              + " by "
              + k.sentBy()
              + " (mail "
              + status.toLowerCase(Locale.ROOT)
              + "); nothing was sent again.");
    }
    boolean initial = mode(c);
    List<String> ids = requireCveIds(c.id());
    LocalDate planned = initial ? null : plannedDate(c, false);
    if (f.publicKey() != null) {
      try {
        keys.add(f.address(), f.publicKey(), me.id());
      } catch (PgpException e) {
        throw CaseGate.invalid("The OpenPGP key was refused: " + e.getMessage());
      }
    }
    ExternalGrants.Issued link =
        grants.create(c.reference(), Party.MAINTAINER, f.name(), f.address(), viewer);
    Instant now = clock.instant();
    if (initial) {
      planned = clocks.recordContact(me, c.id(), now).plannedDisclosure();
    }
    Recipients r = recipients(f.address());
    String encryption = encryption(c.sensitive(), r, null);
    MailService.Queued q =
        mail.send(
            MailPurpose.MAINTAINER_CONTACT,
            c.id(),
            Recipients.to(f.address()),
            values(ids, f, planned, baseUrl + "/case/" + link.token(), me),
            "case:" + c.id() + ":MAINTAINER_CONTACT:" + addressKey);
    if ("REFUSED".equals(q.status())) {
      throw new MailRefused(
          "The mail was not sent, and nothing was recorded: "
              + q.refusal()
              + ". Add the missing keys (paste the maintainer's below; the team's on"
              + " /admin/mail-keys) and send again.");
    }
    List<String> shared = pool.markShared(c.id(), me);
    if (initial) {
      cases.transition(
          c.reference(),
          CaseState.MAINTAINER_CONTACTED,
          TransitionReason.note("Maintainer contacted by mail."),
          viewer);
      if (store.hasLabel(c.id(), CaseLabel.CONTACT_MAINTAINERS.name())) {
        cases.removeLabel(c.reference(), CaseLabel.CONTACT_MAINTAINERS, viewer);
      }
    }
    store.insertContact(
        c.id(),
        link.grant().id(),
        q.id(),
        f.name(),
        f.address(),
        addressKey,
        String.join(", ", ids),
        planned,
        initial,
        me.id(),
        now);
    audit.append(
        viewer.actor(),
        "comms.contact",
        c.id(),
        "mail "
            + q.id()
            + " (MAINTAINER_CONTACT) with link "
            + link.grant().id()
            + (initial ? ", first contact" : ", a further maintainer")
            + "; planned disclosure "
            + planned
            + (shared.isEmpty() ? "" : "; shared " + String.join(", ", shared)));
    StringBuilder msg = new StringBuilder("Mail to ").append(f.address()).append(" queued (");
    msg.append(encryption).append(").");
    if (!shared.isEmpty()) {
      msg.append(" ")
          .append(String.join(", ", shared))
          .append(shared.size() == 1 ? " is" : " are")
          .append(" now shared: never reassigned.");
    }
    msg.append(" Planned disclosure: ").append(planned).append(".");
    if (initial) {
      msg.append(" The case is now MAINTAINER_CONTACTED.");
    }
    return new Sent(true, f.address(), q.status(), encryption, shared, planned, msg.toString());
  }

  /** Records, after the rollback, that the mail package refused a contact mail. */
  @Transactional
  public void recordRefusal(String reference, Viewer viewer, String reason) {
    CaseRecord c = gate.forCna(reference, viewer, "contact maintainers");
    audit.append(viewer.actor(), "comms.contact.refused", c.id(), reason);
  }

  // ---- rules ----

  /** Why no contact mail can be sent for the case now; null when one can. */
  private String whyNot(CaseRecord c) {
    try {
      boolean initial = mode(c);
      requireCveIds(c.id());
      plannedDate(c, initial);
      return null;
    } catch (org.cpansec.server.cases.CaseRefusedException e) {
      return e.getMessage();
    }
  }

  /** True for the first contact (RESERVED), false for a further maintainer; else refused. */
  private static boolean mode(CaseRecord c) {
    if (c.state() == CaseState.RESERVED) {
      return true;
    }
    if (LATER_CONTACT.contains(c.state())) {
      return false;
    }
    throw CaseGate.conflict(
        "Maintainers are contacted once the case is RESERVED (a CVE ID assigned); "
            + c.reference()
            + " is "
            + c.state().name()
            + ".");
  }

  private List<String> cveIds(long caseId) {
    return pool.idsOf(caseId).stream()
        .filter(e -> NAMED_STATES.contains(e.state()))
        .map(CveIdPool.PoolEntry::cveId)
        .toList();
  }

  private List<String> requireCveIds(long caseId) {
    List<String> ids = cveIds(caseId);
    if (ids.isEmpty()) {
      throw CaseGate.conflict(
          "The case holds no CVE ID to name in the mail: assign one from the CVE pool first.");
    }
    return ids;
  }

  /**
   * The date the mail states: for the first contact, what recording the contact now gives (today +
   * the embargo, unless the date comes from an extension, a coordinated date, "already public" or
   * the abandoned rule — then it is kept); for a further maintainer, the planned date.
   */
  private LocalDate plannedDate(CaseRecord c, boolean initial) {
    if (initial) {
      Optional<CaseClock> k = clocks.view(c.id());
      String source = k.map(CaseClock::plannedSource).orElse(null);
      if (c.plannedDisclosure() == null || "CONTACT".equals(source)) {
        return rules.plannedDisclosure(clock.instant());
      }
      return c.plannedDisclosure();
    }
    if (c.plannedDisclosure() == null) {
      throw CaseGate.conflict(
          "The case has no planned disclosure date: record the first maintainer contact on its"
              + " clock page first.");
    }
    return c.plannedDisclosure();
  }

  private Recipients recipients(String address) {
    return Recipients.to(address).withCc(team);
  }

  private Map<String, String> values(
      List<String> ids, Clean f, LocalDate planned, String link, Member sender) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("cve", String.join(", ", ids));
    v.put("distribution", f.distribution());
    v.put("maintainer_name", f.name());
    v.put("issue", f.issue());
    v.put("impact", f.impact());
    v.put("suggested_fix", f.suggestedFix());
    v.put("planned_date", planned.toString());
    v.put("case_link", link);
    v.put("sender_name", sender.displayName());
    return v;
  }

  /**
   * What the mail package will do with a mail to these recipients: encrypt to those with a usable
   * key, plain text to the others — or, for a sensitive case, refuse unless everyone has one.
   */
  private String encryption(boolean sensitive, Recipients r, String pastedKeyFor) {
    List<String> all = r.all();
    Map<String, ?> usable = keys.usableKeys(all);
    List<String> with = new ArrayList<>();
    List<String> without = new ArrayList<>();
    for (String a : all) {
      if (usable.containsKey(a) || a.equals(pastedKeyFor)) {
        with.add(a);
      } else {
        without.add(a);
      }
    }
    if (sensitive) {
      return without.isEmpty()
          ? "sensitive case: encrypted (PGP/MIME) to every recipient"
          : "sensitive case: it will NOT be sent, no usable OpenPGP key for "
              + String.join(", ", without);
    }
    if (without.isEmpty()) {
      return "encrypted (PGP/MIME) to every recipient";
    }
    if (with.isEmpty()) {
      return "plain text: no recipient has an OpenPGP key";
    }
    return "encrypted for "
        + String.join(", ", with)
        + "; plain text for "
        + String.join(", ", without);
  }

  private List<ContactLine> contactLines(long caseId) {
    return store.contacts(caseId).stream()
        .map(
            k -> {
              MailState s = mailStatus(k.outboxId());
              return new ContactLine(
                  k.maintainerName(),
                  k.email(),
                  k.cveIds(),
                  k.plannedDate(),
                  k.initial(),
                  k.sentBy(),
                  k.sentAt(),
                  s.status(),
                  s.problem(),
                  k.grantRevoked());
            })
        .toList();
  }

  private record MailState(String status, String problem) {}

  private MailState mailStatus(Long outboxId) {
    if (outboxId == null) {
      return new MailState("UNKNOWN", null);
    }
    return outbox
        .find(outboxId)
        .map(s -> new MailState(s.status(), s.lastError()))
        .orElse(new MailState("UNKNOWN", null));
  }

  // ---- input ----

  /** The form, checked and trimmed; the address normalised. */
  private record Clean(
      String name,
      String address,
      String publicKey,
      String distribution,
      String issue,
      String impact,
      String suggestedFix) {}

  private static Clean validate(Form form) {
    String name = oneLine(form.maintainerName(), "the maintainer's name", MAX_NAME);
    String address;
    try {
      address = Recipients.normalize(form.maintainerEmail(), "The maintainer's address");
    } catch (IllegalArgumentException e) {
      throw CaseGate.invalid(
          "Enter the maintainer's e-mail address: one plain address like name@example.org.");
    }
    String dist = oneLine(form.distribution(), "the distribution", 200);
    if (!DISTRIBUTION.matcher(dist).matches()) {
      throw CaseGate.invalid(
          "The distribution is a CPAN distribution name such as HTTP-Tiny (letters, digits, - _ ."
              + " :).");
    }
    String key = form.publicKey() == null || form.publicKey().isBlank() ? null : form.publicKey();
    if (key != null && key.length() > MAX_KEY_TEXT) {
      throw CaseGate.invalid("Keep the OpenPGP key to " + MAX_KEY_TEXT + " characters.");
    }
    return new Clean(
        name,
        address,
        key,
        dist,
        text(form.issue(), "the issue", MAX_TEXT),
        text(form.impact(), "the impact", MAX_TEXT),
        text(form.suggestedFix(), "the suggested fix", MAX_TEXT));
  }

  private static String oneLine(String value, String what, int max) {
    String v = text(value, what, max);
    if (v.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      throw CaseGate.invalid("Write " + what + " on one line.");
    }
    return v;
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
