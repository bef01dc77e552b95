package org.cpansec.server.intake;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.cpansec.server.ServerProperties;
import org.cpansec.server.mail.Outbox;
import org.cpansec.server.mail.OutboxSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a report (with its attachments) and queues its mails in one transaction, and only after
 * that has committed asks for the mails to be sent: a report is never lost or refused because mail
 * is off or failing.
 */
@Service
public class ReportIntake {
  private final ReportStore reports;
  private final AttachmentStore attachments;
  private final Outbox outbox;
  private final OutboxSender sender;
  private final TransactionTemplate tx;
  private final ServerProperties config;

  public ReportIntake(
      ReportStore reports,
      AttachmentStore attachments,
      Outbox outbox,
      OutboxSender sender,
      TransactionTemplate tx,
      ServerProperties config) {
    this.reports = reports;
    this.attachments = attachments;
    this.outbox = outbox;
    this.sender = sender;
    this.tx = tx;
    this.config = config;
  }

  public void submit(
      ReportKind kind,
      VulnerabilityForm form,
      List<Attachment> files,
      TrackingToken token,
      boolean secretWarning) {
    OffsetDateTime at = now();
    List<Long> mails =
        tx.execute(
            s -> {
              long id = reports.saveReport(kind, form, token, secretWarning, at);
              attachments.save(id, files, at);
              return notices(id, kind, form.email(), at);
            });
    sender.sendSoon(mails);
  }

  public void submitAccount(AccountForm form, TrackingToken token, boolean secretWarning) {
    OffsetDateTime at = now();
    String pauseAdmins = config.intake().pauseAdminAddress();
    List<Long> mails =
        tx.execute(
            s -> {
              String pauseId = form.pauseId().strip().toUpperCase(java.util.Locale.ROOT);
              long id = reports.saveAccountReceipt(pauseId, token, secretWarning, at);
              List<Long> ids = new ArrayList<>();
              ids.add(outbox.enqueue(ReportMails.pauseAdmins(pauseAdmins, pauseId, form), id));
              ids.addAll(notices(id, ReportKind.ACCOUNT, form.email(), at));
              return ids;
            });
    sender.sendSoon(mails);
  }

  private List<Long> notices(long id, ReportKind kind, String email, OffsetDateTime at) {
    List<Long> ids = new ArrayList<>();
    if (email != null && !email.isBlank()) {
      String site = config.site().baseUrl().toString();
      ids.add(outbox.enqueue(ReportMails.confirmation(email, kind, at, site), id));
    }
    String team = config.mail().teamAddress();
    String pauseAdmins = config.intake().pauseAdminAddress();
    ids.add(outbox.enqueue(ReportMails.teamNotice(team, id, kind, at, pauseAdmins), id));
    return ids;
  }

  private static OffsetDateTime now() {
    // Whole seconds: the time in the mails is the time stored, on every database.
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
  }
}
