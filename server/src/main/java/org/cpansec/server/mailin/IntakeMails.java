package org.cpansec.server.mailin;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.cpansec.server.intake.ReportKind;
import org.cpansec.server.intake.TrackingToken;
import org.cpansec.server.mail.QueuedMail;

/**
 * The receipt for a report that came by mail. Unlike the web form's confirmation it carries the
 * private tracking link: a mailed report has no receipt page to show it on, and the reporter's
 * mailbox already holds the report itself. Like the form's, it repeats nothing of the report — not
 * its subject, text or file names.
 */
final class IntakeMails {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd 'at' HH:mm 'UTC'", Locale.ROOT);

  private IntakeMails() {}

  /** What the receipt has to say besides the link. */
  record Receipt(
      ReportKind kind,
      OffsetDateTime at,
      TrackingToken token,
      boolean withholdIdentity,
      String encryption,
      int droppedAttachments,
      String attachmentLimits,
      List<String> secrets) {}

  static QueuedMail receipt(String reporter, Receipt r, String siteBaseUrl) {
    String site =
        siteBaseUrl.endsWith("/")
            ? siteBaseUrl.substring(0, siteBaseUrl.length() - 1)
            : siteBaseUrl;
    String kind = r.kind() == ReportKind.MALWARE ? "malware report" : "vulnerability report";
    StringBuilder b = new StringBuilder();
    b.append("Hello,\n\nthe CPAN Security Group received the ")
        .append(kind)
        .append(" you sent by mail; it was stored on ")
        .append(WHEN.format(r.at().withOffsetSameInstant(ZoneOffset.UTC)))
        .append(".\n\nFollow it, and add information, with your private tracking link:\n\n  ")
        .append(site)
        .append("/track/")
        .append(r.token().value())
        .append(
            "\n\nKeep this link to yourself: whoever has it can see the report's status and"
                + " add to it. This mail repeats nothing of what you wrote.\n");
    if (r.encryption() != null) {
      b.append("\nYour mail was encrypted (")
          .append(r.encryption())
          .append(
              "). It is kept as it arrived; the team will read it once it has been"
                  + " decrypted. Until then we treat your identity as private.\n");
    } else if (r.withholdIdentity()) {
      b.append(
          "\nYou asked us to keep your identity private: we will not share it, not even"
              + " with the maintainer.\n");
    }
    if (r.droppedAttachments() > 0) {
      b.append("\n")
          .append(
              r.droppedAttachments() == 1
                  ? "One of your attachments was"
                  : r.droppedAttachments() + " of your attachments were")
          .append(" not kept, because of the size limits (")
          .append(r.attachmentLimits())
          .append(
              "). The tracking page lists the files we kept; send the others in a smaller"
                  + " form, or add a link to them on the tracking page.\n");
    }
    if (!r.secrets().isEmpty()) {
      b.append("\nYour mail seems to contain ")
          .append(String.join(", ", r.secrets()))
          .append(". If it is real, revoke it: reports should not carry secrets.\n");
    }
    b.append(
            "\nIf you did not send a report to CPANSec, you can ignore this mail.\n\n-- \nCPANSec, ")
        .append(site)
        .append("\n");
    return new QueuedMail(reporter, "CPANSec: we received your " + kind, b.toString());
  }
}
