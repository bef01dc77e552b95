package org.cpansec.server.intake;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.cpansec.server.ServerProperties;
import org.cpansec.server.mail.MailPurpose;
import org.cpansec.server.mail.MailService;
import org.cpansec.server.mail.Recipients;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a report (with its attachments) and queues its mails in one transaction; the mail service
 * sends them only after that has committed: a report is never lost or refused because mail is off
 * or failing.
 */
@Service
public class ReportIntake {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReportIntake.class);
  private final ReportStore reports;
  private final AttachmentStore attachments;
  private final MailService mail;
  private final TransactionTemplate tx;
  private final ServerProperties config;

  public ReportIntake(
      ReportStore reports,
      AttachmentStore attachments,
      MailService mail,
      TransactionTemplate tx,
      ServerProperties config) {
    this.reports = reports;
    this.attachments = attachments;
    this.mail = mail;
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
    tx.executeWithoutResult(
        s -> {
          long id = reports.saveReport(kind, form, token, secretWarning, at);
          attachments.save(id, files, at);
          notices(id, kind, form.email(), at);
        });
  }

  public void submitAccount(AccountForm form, TrackingToken token, boolean secretWarning) {
    OffsetDateTime at = now();
    String pauseAdmins = config.intake().pauseAdminAddress();
    tx.executeWithoutResult(
        s -> {
          String pauseId = form.pauseId().strip().toUpperCase(java.util.Locale.ROOT);
          long id = reports.saveAccountReceipt(pauseId, token, secretWarning, at);
          mail.sendForReport(
              MailPurpose.PAUSE_FORWARD,
              id,
              Recipients.to(pauseAdmins),
              ReportMails.pauseAdmins(pauseId, form),
              key(id, MailPurpose.PAUSE_FORWARD));
          notices(id, ReportKind.ACCOUNT, form.email(), at);
        });
  }

  private void notices(long id, ReportKind kind, String email, OffsetDateTime at) {
    if (email != null && !email.isBlank()) {
      String site = config.site().baseUrl().toString();
      Recipients reporter;
      try {
        reporter = Recipients.to(email.strip());
      } catch (IllegalArgumentException e) {
        // The form's check is looser than the mail's: keep the report, skip the receipt.
        LOG.warn("report {}: no receipt mail, the address was refused: {}", id, e.getMessage());
        reporter = null;
      }
      if (reporter != null) {
        mail.sendForReport(
            MailPurpose.REPORT_RECEIPT,
            id,
            reporter,
            ReportMails.confirmation(kind, at, site),
            key(id, MailPurpose.REPORT_RECEIPT));
      }
    }
    String team = config.mail().teamAddress();
    String pauseAdmins = config.intake().pauseAdminAddress();
    mail.sendForReport(
        MailPurpose.TEAM_NOTIFICATION,
        id,
        Recipients.to(team),
        ReportMails.teamNotice(id, kind, at, pauseAdmins),
        key(id, MailPurpose.TEAM_NOTIFICATION));
  }

  private static String key(long reportId, MailPurpose purpose) {
    return "report:" + reportId + ":" + purpose;
  }

  private static OffsetDateTime now() {
    // Whole seconds: the time in the mails is the time stored, on every database.
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
  }
}
