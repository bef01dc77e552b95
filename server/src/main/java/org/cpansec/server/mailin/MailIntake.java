package org.cpansec.server.mailin;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.cpansec.server.ServerProperties;
import org.cpansec.server.cases.CaseComments;
import org.cpansec.server.intake.AttachmentStore;
import org.cpansec.server.intake.ReportKind;
import org.cpansec.server.intake.SecretScanner;
import org.cpansec.server.intake.TrackingToken;
import org.cpansec.server.mail.Outbox;
import org.cpansec.server.mail.OutboxSender;
import org.cpansec.server.mail.PgpException;
import org.cpansec.server.mail.QueuedMail;
import org.cpansec.server.mailin.MailIntakeStore.Outcome;
import org.cpansec.server.mailin.MailParser.Parsed;
import org.cpansec.server.mailin.MailParser.Rejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes one raw message into the database, in one transaction: the record of the message and
 * whatever it became — a report (with attachments and the receipt queued in the outbox), a comment
 * on the case its subject names (through the cases package), an encrypted report with the raw
 * message kept, or a quarantined message. OpenPGP mail to the platform's key ({@code
 * cpansec.mail.pgp.*}) is decrypted first and then taken in like clear mail (its encrypted original
 * kept); mail that cannot be decrypted becomes an encrypted report, with the reason. Returns only
 * after that transaction has committed, so the caller may then flag the message in the mailbox;
 * when it throws, nothing was stored and the message must stay as it is.
 *
 * <p>Taking the same message twice is harmless: a copy whose key is already recorded is only
 * counted, and of two pollers racing for one message the second's transaction fails on the unique
 * key, is rolled back and counted as a duplicate.
 */
@Service
public class MailIntake {
  private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", java.util.Locale.ROOT);

  private final MailIntakeStore store;
  private final AttachmentStore attachments;
  private final CaseMailSink cases;
  private final MailDecryption decryption;
  private final Outbox outbox;
  private final OutboxSender sender;
  private final TransactionTemplate tx;
  private final ServerProperties server;
  private final MailParser parser;
  private final Clock clock;

  public MailIntake(
      MailIntakeStore store,
      AttachmentStore attachments,
      CaseMailSink cases,
      MailDecryption decryption,
      Outbox outbox,
      OutboxSender sender,
      TransactionTemplate tx,
      ServerProperties server,
      MailIntakeProperties config,
      Clock clock) {
    this.store = store;
    this.attachments = attachments;
    this.cases = cases;
    this.decryption = decryption;
    this.outbox = outbox;
    this.sender = sender;
    this.tx = tx;
    this.server = server;
    this.clock = clock;
    ServerProperties.Attachments limits = server.intake().attachments();
    this.parser =
        new MailParser(
            new MailParser.Limits(
                config.maxMessageSize().toBytes(),
                config.maxTextLength(),
                limits.maxFileSize().toBytes(),
                limits.maxTotalSize().toBytes(),
                limits.maxCount()));
  }

  /**
   * What became of a message.
   *
   * @param outcome the outcome, or null for a duplicate
   * @param row the message's row in {@code mail_intake_message}
   * @param reportId the report made from it, if any
   * @param reason why it was quarantined or ignored, or a note on how it was routed
   */
  public record Taken(Outcome outcome, Long row, Long reportId, String reason) {
    static final Taken DUPLICATE = new Taken(null, null, null, "duplicate");

    public boolean duplicate() {
      return outcome == null;
    }
  }

  /** Takes one message in; see the class comment for the guarantees. */
  public Taken take(byte[] raw, OffsetDateTime receivedAt) {
    OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    OffsetDateTime received = receivedAt == null ? now : receivedAt.truncatedTo(ChronoUnit.SECONDS);
    String key = MailParser.dedupeKey(raw);
    if (store.exists(key)) {
      store.countDuplicate(key, now);
      return Taken.DUPLICATE;
    }
    MailParser.Result result = parser.parse(raw, received);
    List<Long> mails = new ArrayList<>();
    Taken taken;
    try {
      taken = tx.execute(s -> apply(key, raw, result, received, now, mails));
    } catch (DuplicateKeyException e) {
      store.countDuplicate(key, now);
      return Taken.DUPLICATE;
    }
    sender.sendSoon(mails);
    return taken;
  }

  private Taken apply(
      String key,
      byte[] raw,
      MailParser.Result result,
      OffsetDateTime received,
      OffsetDateTime now,
      List<Long> mails) {
    if (result instanceof Rejected r) {
      long row =
          store.record(
              new MailIntakeStore.Seen(
                  key,
                  r.messageId(),
                  r.sender(),
                  r.subject(),
                  received,
                  now,
                  Outcome.QUARANTINED,
                  r.reason(),
                  null,
                  null));
      store.quarantine(row, r.reason(), raw, now);
      LOG.warn(
          "mail quarantined (row {}), see /admin/mail-intake: {}",
          row,
          r.reason().replaceAll("\\p{Cntrl}", " "));
      return new Taken(Outcome.QUARANTINED, row, null, r.reason());
    }
    Parsed p = (Parsed) result;
    InboundMail mail = p.mail();
    if (mail.from().equalsIgnoreCase(server.mail().from())) {
      String reason =
          "sent by this platform (cpansec.mail.from): not taken in, so that no mail loop starts";
      long row = store.record(seen(key, mail, now, Outcome.IGNORED, reason, null, null));
      return new Taken(Outcome.IGNORED, row, null, reason);
    }
    String scheme = p.encryption();
    if (scheme != null) {
      Decrypted d = decrypt(raw, scheme, received);
      if (d.clear() == null) {
        long report = report(p, true, List.of(), now, mails, d.failure());
        String reason = "encrypted (" + scheme + "), not decrypted: " + d.failure();
        long row = store.record(seen(key, mail, now, Outcome.ENCRYPTED, reason, report, null));
        store.keepEncrypted(row, report, scheme, raw, null);
        return new Taken(Outcome.ENCRYPTED, row, report, reason);
      }
      p = d.clear();
      mail = p.mail();
    }
    String decrypted =
        scheme == null
            ? null
            : "The mail was encrypted ("
                + scheme
                + ") to the platform's key and was decrypted on receipt; the encrypted original"
                + " is kept in mail intake.";
    String reference = MailParser.caseReference(mail.subject());
    if (reference != null) {
      java.util.Optional<CaseComments.MailComment> comment = cases.appendToCase(reference, mail);
      if (comment.isPresent()) {
        CaseComments.MailComment c = comment.get();
        String reason =
            (scheme == null ? "" : "decrypted (" + scheme + "); ")
                + "comment "
                + c.commentId()
                + " on case "
                + c.reference()
                + (c.attachmentIds().isEmpty()
                    ? ""
                    : " with " + c.attachmentIds().size() + " attachment(s)");
        long row = store.record(seen(key, mail, now, Outcome.CASE_MAIL, reason, null, c.caseId()));
        if (scheme != null) {
          store.keepEncrypted(row, null, scheme, raw, now);
        }
        return new Taken(Outcome.CASE_MAIL, row, null, reason);
      }
    }
    List<String> notes = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    if (decrypted != null) {
      notes.add(decrypted);
      reasons.add("decrypted (" + scheme + ")");
    }
    if (reference != null) {
      reasons.add(
          "the subject names case "
              + reference
              + ", which does not exist or to which the sender is no party: taken as a new"
              + " report");
      notes.add(
          "The subject names case "
              + reference
              + ", which does not exist or to which the sender is no party; taken as a new"
              + " report.");
    }
    String reason = reasons.isEmpty() ? null : String.join("; ", reasons);
    long report =
        report(p, MailParser.asksToKeepIdentityPrivate(mail.text()), notes, now, mails, null);
    long row = store.record(seen(key, mail, now, Outcome.REPORT, reason, report, null));
    if (scheme != null) {
      store.keepEncrypted(row, report, scheme, raw, now);
    }
    return new Taken(Outcome.REPORT, row, report, reason);
  }

  /** An encrypted mail's clear form, or why there is none. */
  private record Decrypted(Parsed clear, String failure) {}

  /**
   * Decrypts the mail and reads the clear message; a failure says why (no key, not OpenPGP, not for
   * the platform's key, modified, or the clear message itself cannot be taken in).
   */
  private Decrypted decrypt(byte[] raw, String scheme, OffsetDateTime received) {
    String unsupported = decryption.unsupported(scheme);
    if (unsupported != null) {
      return new Decrypted(null, unsupported);
    }
    byte[] clear;
    try {
      clear = decryption.decrypt(raw);
    } catch (PgpException e) {
      return new Decrypted(null, e.getMessage());
    }
    MailParser.Result r = parser.parse(clear, received);
    if (r instanceof Rejected rejected) {
      return new Decrypted(null, "decrypted, but the clear message " + rejected.reason());
    }
    Parsed parsed = (Parsed) r;
    if (parsed.encryption() != null) {
      return new Decrypted(
          null,
          "decrypted, but the clear message is encrypted again (" + parsed.encryption() + ")");
    }
    return new Decrypted(parsed, null);
  }

  /** Stores the report, its attachments and its receipt; returns the report's id. */
  private long report(
      Parsed p,
      boolean withhold,
      List<String> extraNotes,
      OffsetDateTime now,
      List<Long> mails,
      String notDecrypted) {
    InboundMail mail = p.mail();
    TrackingToken token = TrackingToken.random();
    ReportKind kind =
        MailParser.mentionsMalware(mail.subject()) ? ReportKind.MALWARE : ReportKind.VULNERABILITY;
    List<String> secrets =
        p.encryption() == null ? SecretScanner.scan(mail.subject(), mail.text()) : List.of();
    String details;
    if (p.encryption() != null) {
      details =
          (mail.subject().isEmpty() ? "" : mail.subject() + "\n\n")
              + "This report arrived encrypted ("
              + p.encryption()
              + ") and has not been decrypted: "
              + notDecrypted
              + ". The message is kept as it arrived in mail intake (/admin/mail-intake); until"
              + " it is read, the reporter's identity is treated as private.";
    } else {
      details = mail.subject().isEmpty() ? mail.text() : mail.subject() + "\n\n" + mail.text();
    }
    List<String> context = new ArrayList<>();
    context.add(
        "Received by mail from "
            + mail.from()
            + " on "
            + WHEN.format(mail.receivedAt().withOffsetSameInstant(ZoneOffset.UTC))
            + (mail.messageId() == null ? "" : " (Message-ID " + mail.messageId() + ")")
            + ".");
    context.addAll(mail.notes());
    context.addAll(extraNotes);
    if (p.automatic()) {
      context.add("Sent automatically (auto-reply, bounce or list mail): no receipt was sent.");
    }
    long id =
        store.saveReport(
            new MailIntakeStore.MailReport(
                kind,
                token,
                details,
                String.join("\n", context),
                mail.fromName(),
                mail.from(),
                withhold,
                !secrets.isEmpty(),
                now));
    attachments.save(id, mail.attachments(), now);
    if (!p.automatic()) {
      receipt(mail.from(), kind, now, token, withhold, p, secrets)
          .ifPresent(m -> mails.add(outbox.enqueue(m, id)));
    }
    return id;
  }

  private java.util.Optional<QueuedMail> receipt(
      String to,
      ReportKind kind,
      OffsetDateTime at,
      TrackingToken token,
      boolean withhold,
      Parsed p,
      List<String> secrets) {
    ServerProperties.Attachments limits = server.intake().attachments();
    String limitText =
        "each file at most "
            + Sizes.human(limits.maxFileSize().toBytes())
            + ", "
            + Sizes.human(limits.maxTotalSize().toBytes())
            + " together, at most "
            + limits.maxCount()
            + " files";
    try {
      return java.util.Optional.of(
          IntakeMails.receipt(
              to,
              new IntakeMails.Receipt(
                  kind, at, token, withhold, p.encryption(), p.dropped(), limitText, secrets),
              server.site().baseUrl().toString()));
    } catch (IllegalArgumentException e) {
      // An address the outbox does not take (e.g. a quoted comma): the report is kept all the same.
      LOG.warn("no receipt for a mailed report: {}", e.getMessage());
      return java.util.Optional.empty();
    }
  }

  private static MailIntakeStore.Seen seen(
      String key,
      InboundMail mail,
      OffsetDateTime now,
      Outcome outcome,
      String reason,
      Long reportId,
      Long caseId) {
    return new MailIntakeStore.Seen(
        key,
        mail.messageId(),
        mail.from(),
        mail.subject(),
        mail.receivedAt(),
        now,
        outcome,
        reason,
        reportId,
        caseId);
  }
}
