package org.cpansec.server.mail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a mail is for. Each purpose has one editable, versioned template, the placeholders that
 * template may use (with a sample value each, for the admin page's preview) and whether the team
 * address ({@code cpansec.mail.team-address}, cpan-security) is copied.
 *
 * <p>A caller of {@link MailService#send} supplies a value for every placeholder of the purpose; a
 * template uses any subset of them.
 */
public enum MailPurpose {
  /** To a reporter: their report was received (CPANSEC-PROCESS §1). */
  REPORT_RECEIPT(
      "Receipt to the reporter",
      false,
      "kind",
      "vulnerability report",
      "received_at",
      "2026-11-30 at 09:15 UTC",
      "handling",
      "The team will look at it and may write to you at this address.",
      "site",
      "https://security.metacpan.org"),
  /** To the team: a new report arrived (no contents). */
  TEAM_NOTIFICATION(
      "New report, to the team",
      false,
      "kind",
      "vulnerability report",
      "report_id",
      "42",
      "received_at",
      "2026-11-30 at 09:15 UTC",
      "where",
      "Read it in the workspace."),
  /** To the PAUSE admins: a compromised account report, with its evidence. */
  PAUSE_FORWARD(
      "Compromised account, to the PAUSE admins",
      false,
      "pause_id",
      "EXAMPLE",
      "reporter_name",
      "A. Reporter",
      "reporter_email",
      "reporter@example.org",
      "evidence",
      "Unexpected upload of Foo-Bar-1.0 at 03:00 UTC."),
  /** To a maintainer: first contact about a vulnerability (§4); the team is copied. */
  MAINTAINER_CONTACT(
      "Contact a maintainer",
      true,
      "cve",
      "CVE-2026-12345",
      "distribution",
      "Foo-Bar",
      "maintainer_name",
      "Jane Maintainer",
      "issue",
      "Foo::Bar::parse() passes user input to a two-argument open().",
      "impact",
      "A remote attacker who controls the file name can run shell commands.",
      "suggested_fix",
      "Use the three-argument form of open().",
      "planned_date",
      "2026-12-14",
      "case_link",
      "https://security.metacpan.org/case/EXAMPLE-TOKEN",
      "sender_name",
      "A. CNA Member"),
  /** To a maintainer: the disclosure date was extended (§4); the team is copied. */
  EXTENSION_GRANTED(
      "Extension granted",
      true,
      "cve",
      "CVE-2026-12345",
      "distribution",
      "Foo-Bar",
      "recipient_name",
      "Jane Maintainer",
      "previous_date",
      "2026-12-14",
      "planned_date",
      "2026-12-28",
      "reason",
      "A release needs more time to test on old perls.",
      "sender_name",
      "A. CNA Member"),
  /** To an assignee: something on a case is due or overdue. */
  REMINDER(
      "Reminder to an assignee",
      false,
      "recipient_name",
      "A. CNA Member",
      "case_reference",
      "CASE-2026-0042",
      "task",
      "contact the maintainer",
      "due_date",
      "2026-12-07",
      "case_link",
      "https://security.metacpan.org/cna/cases/42"),
  /** To the cve-announce list: the published CVE (§7, §8). */
  PUBLICATION_ANNOUNCEMENT(
      "Publication announcement",
      false,
      "cve",
      "CVE-2026-12345",
      "title",
      "Foo::Bar versions before 1.05 for Perl allow shell injection",
      "announcement",
      "(the announcement text, wrapped at 72 columns)"),
  /** To a maintainer, in To (never Bcc): the announcement of a CVE in their distribution (§8). */
  FORWARD_TO_MAINTAINER(
      "Publication, forwarded to a maintainer",
      false,
      "cve",
      "CVE-2026-12345",
      "distribution",
      "Foo-Bar",
      "title",
      "Foo::Bar versions before 1.05 for Perl allow shell injection",
      "recipient_name",
      "Jane Maintainer",
      "announcement",
      "(the announcement text, wrapped at 72 columns)"),
  /** To a reporter: the CVE from their report is published (§8). */
  FORWARD_TO_REPORTER(
      "Publication, forwarded to the reporter",
      false,
      "cve",
      "CVE-2026-12345",
      "distribution",
      "Foo-Bar",
      "title",
      "Foo::Bar versions before 1.05 for Perl allow shell injection",
      "recipient_name",
      "A. Reporter",
      "announcement",
      "(the announcement text, wrapped at 72 columns)"),
  /** To whoever disputed a record: the dispute was received (§9). */
  DISPUTE_ACKNOWLEDGEMENT(
      "Dispute acknowledgement",
      false,
      "cve",
      "CVE-2026-12345",
      "recipient_name",
      "A. Disputer",
      "received_date",
      "2026-11-30",
      "decision_by",
      "2026-12-14");

  private final String title;
  private final boolean copyTeam;
  private final Map<String, String> samples;

  MailPurpose(String title, boolean copyTeam, String... namesAndSamples) {
    this.title = title;
    this.copyTeam = copyTeam;
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndSamples.length; i += 2) {
      m.put(namesAndSamples[i], namesAndSamples[i + 1]);
    }
    this.samples = Collections.unmodifiableMap(m);
  }

  /** A short human name for the admin pages. */
  public String title() {
    return title;
  }

  /** Whether the team address is added to Cc (cpan-security is copied, §4). */
  public boolean copiesTeam() {
    return copyTeam;
  }

  /** The placeholders this purpose's template may use, in a stable order. */
  public Set<String> placeholders() {
    return samples.keySet();
  }

  /** A sample value for every placeholder, for previews. */
  public Map<String, String> samples() {
    return samples;
  }

  /** The resource holding the shipped default text: {@code mail-templates/<purpose>.txt}. */
  String resource() {
    return "mail-templates/" + name().toLowerCase(Locale.ROOT).replace('_', '-') + ".txt";
  }

  /** Parses a purpose from a URL segment or form value, case-insensitively; empty if unknown. */
  public static java.util.Optional<MailPurpose> parse(String s) {
    if (s == null) {
      return java.util.Optional.empty();
    }
    String n = s.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (MailPurpose p : values()) {
      if (p.name().equals(n)) {
        return java.util.Optional.of(p);
      }
    }
    return java.util.Optional.empty();
  }
}
