package org.cpansec.server.intake;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.cpansec.server.mail.QueuedMail;

/**
 * The texts of the mails a report causes. The reporter's confirmation and the team's notice name
 * the kind and the time only: a mailbox is not a safe place for an embargoed report, and the
 * tracking token must stay where it was shown once, on the receipt page.
 */
final class ReportMails {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd 'at' HH:mm 'UTC'", Locale.ROOT);

  private ReportMails() {}

  static String label(ReportKind kind) {
    return switch (kind) {
      case VULNERABILITY -> "vulnerability report";
      case MALWARE -> "malware report";
      case ACCOUNT -> "compromised PAUSE account report";
    };
  }

  static QueuedMail confirmation(String reporter, ReportKind kind, OffsetDateTime at, String site) {
    String forwarded =
        kind == ReportKind.ACCOUNT
            ? "We forwarded it to the PAUSE administrators, who handle compromised accounts.\n\n"
            : "";
    return new QueuedMail(
        reporter.strip(),
        "CPANSec: we received your " + label(kind),
        "Hello,\n\nthe CPAN Security Group received your "
            + label(kind)
            + " on "
            + when(at)
            + ".\n\n"
            + forwarded
            + "This mail does not repeat what you wrote, and it does not contain your private"
            + " tracking link: that link was shown once, on the page you saw after sending the"
            + " report. Use it to follow the report and to add information.\n\n"
            + "If you did not send a report to CPANSec, you can ignore this mail.\n\n"
            + "-- \nCPANSec, "
            + site
            + "\n");
  }

  static QueuedMail teamNotice(
      String team, long reportId, ReportKind kind, OffsetDateTime at, String pauseAdmins) {
    String where =
        kind == ReportKind.ACCOUNT
            ? "The evidence was forwarded to the PAUSE admins ("
                + pauseAdmins
                + "); only a receipt is kept here."
            : "Read it in the workspace.";
    return new QueuedMail(
        team,
        "New " + label(kind) + " #" + reportId,
        "Report #"
            + reportId
            + " ("
            + label(kind)
            + ") was received on "
            + when(at)
            + ".\n\n"
            + where
            + " This mail carries none of the report's contents.\n");
  }

  static QueuedMail pauseAdmins(String pauseAdmins, String pauseId, AccountForm f) {
    return new QueuedMail(
        pauseAdmins,
        "Compromised PAUSE account reported: " + pauseId,
        "A compromised PAUSE account was reported through the CPANSec platform.\n\nCPAN id: "
            + pauseId
            + "\nReporter: "
            + orNotGiven(f.name())
            + "\nReporter e-mail: "
            + orNotGiven(f.email())
            + "\n\nEvidence:\n"
            + f.evidence()
            + "\n");
  }

  private static String orNotGiven(String s) {
    return s == null || s.isBlank() ? "(not given)" : s.strip();
  }

  private static String when(OffsetDateTime at) {
    return WHEN.format(at.withOffsetSameInstant(ZoneOffset.UTC));
  }
}
