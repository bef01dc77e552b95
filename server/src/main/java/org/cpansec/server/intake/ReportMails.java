package org.cpansec.server.intake;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The values of the mails a report causes (their texts are the mail templates REPORT_RECEIPT,
 * TEAM_NOTIFICATION and PAUSE_FORWARD). The reporter's confirmation and the team's notice name the
 * kind and the time only: a mailbox is not a safe place for an embargoed report, and the tracking
 * token must stay where it was shown once, on the receipt page.
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

  static Map<String, String> confirmation(ReportKind kind, OffsetDateTime at, String site) {
    String handling =
        kind == ReportKind.ACCOUNT
            ? "We forwarded it to the PAUSE administrators, who handle compromised accounts."
            : "The team will look at it and may write to you at this address.";
    return Map.of("kind", label(kind), "received_at", when(at), "handling", handling, "site", site);
  }

  static Map<String, String> teamNotice(
      long reportId, ReportKind kind, OffsetDateTime at, String pauseAdmins) {
    String where =
        kind == ReportKind.ACCOUNT
            ? "The evidence was forwarded to the PAUSE admins ("
                + pauseAdmins
                + "); only a receipt is kept here."
            : "Read it in the workspace.";
    return Map.of(
        "kind",
        label(kind),
        "report_id",
        Long.toString(reportId),
        "received_at",
        when(at),
        "where",
        where);
  }

  static Map<String, String> pauseAdmins(String pauseId, AccountForm f) {
    return Map.of(
        "pause_id",
        pauseId,
        "reporter_name",
        orNotGiven(f.name()),
        "reporter_email",
        orNotGiven(f.email()),
        "evidence",
        f.evidence());
  }

  private static String orNotGiven(String s) {
    return s == null || s.isBlank() ? "(not given)" : s.strip();
  }

  private static String when(OffsetDateTime at) {
    return WHEN.format(at.withOffsetSameInstant(ZoneOffset.UTC));
  }
}
