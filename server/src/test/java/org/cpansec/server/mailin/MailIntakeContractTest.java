package org.cpansec.server.mailin;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.server.Http;
import org.cpansec.server.mailin.MailIntakePoller.PollResult;
import org.cpansec.server.mailin.MailIntakeStore.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Mail intake end to end: messages delivered into a real IMAP mailbox (GreenMail on a loopback
 * port), one poll, then the rows in the database, the receipt delivered over GreenMail's SMTP, the
 * flags in the mailbox and the admin page. Run once per database.
 */
abstract class MailIntakeContractTest {
  static final int SMTP_PORT = freePort();
  static final int IMAP_PORT = freePort();
  static final String TEAM = "team@cpansec.test";
  private static final Pattern TRACK = Pattern.compile("/track/([A-Za-z0-9_-]{43})");

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry r) {
    r.add("spring.mail.host", () -> "127.0.0.1");
    r.add("spring.mail.port", () -> SMTP_PORT);
    r.add("cpansec.mail.from", () -> "noreply@cpansec.test");
    r.add("cpansec.mail.team-address", () -> TEAM);
    r.add("cpansec.mail.poll-interval", () -> "PT1H");
    r.add("cpansec.advisories.import-bundled", () -> "false");
    r.add("cpansec.intake.attachments.max-file-size", () -> "10KB");
    r.add("cpansec.intake.attachments.max-total-size", () -> "25KB");
    r.add("cpansec.intake.attachments.max-count", () -> "3");
    r.add("cpansec.mail-intake.enabled", () -> "true");
    r.add("cpansec.mail-intake.host", () -> "127.0.0.1");
    r.add("cpansec.mail-intake.port", () -> IMAP_PORT);
    r.add("cpansec.mail-intake.protocol", () -> "imap");
    r.add("cpansec.mail-intake.username", () -> "team");
    r.add("cpansec.mail-intake.password", () -> "secret");
    r.add("cpansec.mail-intake.max-message-size", () -> "200KB");
    // The scheduled poll stays out of the way: the tests poll when they mean to.
    r.add("cpansec.mail-intake.poll-interval", () -> "PT1H");
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired MailIntakePoller poller;
  @Autowired JdbcCaseMailSink caseMail;
  GreenMail greenMail;
  GreenMailUser team;
  Http http;
  String tag;

  @BeforeEach
  void start() {
    greenMail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
            });
    greenMail.start();
    team = greenMail.setUser(TEAM, "team", "secret");
    http = new Http(port);
    // Every test's messages are its own, also in a PostgreSQL database shared with other tests.
    tag = UUID.randomUUID().toString();
    SignedInAs.nobody();
  }

  @AfterEach
  void stop() {
    greenMail.stop();
  }

  @Test
  void aMailedReportIsStoredWithItsAttachmentsAndTheReporterGetsTheTrackingLink() throws Exception {
    byte[] poc = "use Foo::Bar;\nFoo::Bar->run($ARGV[0]);\n".getBytes(StandardCharsets.UTF_8);
    byte[] dump = new byte[12 * 1024];
    Arrays.fill(dump, (byte) 7);
    deliver(
        RawMail.from("Ann Finder <ann@example.org>", "Code injection in Foo-Bar 1.2 " + tag)
            .messageId(tag + "@example.org")
            .text("Foo::Bar 1.2 passes its argument to eval.\nSteps: run the PoC.")
            .attach("poc.pl", "text/x-perl", poc)
            .attach("core.dump", "application/octet-stream", dump)
            .bytes());

    PollResult result = poller.poll();

    assertThat(result.count(Outcome.REPORT)).isEqualTo(1);
    assertThat(result.total()).isEqualTo(1);
    long id = reportWith(tag);
    assertThat(column(id, "kind")).isEqualTo("VULNERABILITY");
    assertThat(column(id, "status")).isEqualTo("REPORTED");
    assertThat(column(id, "reporter_email")).isEqualTo("ann@example.org");
    assertThat(column(id, "reporter_name")).isEqualTo("Ann Finder");
    assertThat(column(id, "withhold_identity")).isIn("FALSE", "false");
    assertThat(column(id, "details"))
        .isEqualTo(
            "Code injection in Foo-Bar 1.2 "
                + tag
                + "\n\nFoo::Bar 1.2 passes its argument to eval.\nSteps: run the PoC.");
    assertThat(column(id, "context"))
        .contains(
            "Received by mail from ann@example.org on 20",
            "Message-ID <" + tag + "@example.org>",
            "Attachment “core.dump” (12.0 KiB) was not kept: each file may be at most 10.0 KiB.");
    assertThat(
            jdbc.sql(
                    "SELECT file_name, content FROM report_attachment WHERE report_id = ?"
                        + " ORDER BY id")
                .param(id)
                .query((rs, n) -> List.of(rs.getString(1), rs.getBytes(2)))
                .list())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get(0)).isEqualTo("poc.pl");
              assertThat((byte[]) row.get(1)).isEqualTo(poc);
            });

    MimeMessage receipt = awaitMailTo("ann@example.org");
    assertThat(receipt.getSubject()).isEqualTo("CPANSec: we received your vulnerability report");
    assertThat(receipt.getFrom()[0].toString()).isEqualTo("noreply@cpansec.test");
    String body = GreenMailUtil.getBody(receipt);
    assertThat(body)
        .contains("One of your attachments was not kept")
        .doesNotContain(tag, "eval", "core.dump", "poc.pl");
    Matcher link = TRACK.matcher(body);
    assertThat(link.find()).as(body).isTrue();
    HttpResponse<String> page = http.page("/track/" + link.group(1));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("poc.pl").doesNotContain("core.dump");
    // The team got the mail itself: no notice about it goes back to the polled address.
    assertThat(
            jdbc.sql("SELECT recipient FROM outbox WHERE report_id = ?")
                .param(id)
                .query(String.class)
                .list())
        .containsExactly("ann@example.org");

    assertThat(inbox())
        .singleElement()
        .satisfies(m -> assertThat(m.isSet(Flags.Flag.SEEN)).isTrue());
    assertThat(intakeRow(tag + "@example.org", "outcome")).isEqualTo("REPORT");
  }

  @Test
  void theFirstLineKeepsTheIdentityPrivateAndTheSubjectCanSayMalware() throws Exception {
    deliver(
        RawMail.from("bob@example.org", "Malware in Acme-Thing " + tag)
            .messageId(tag + "@example.org")
            .text(
                "  Keep my identity private!\n\nAcme-Thing 0.01 sends ~/.pause to a server;"
                    + " it found password=hunter22 on my machine.")
            .bytes());

    assertThat(poller.poll().count(Outcome.REPORT)).isEqualTo(1);

    long id = reportWith(tag);
    assertThat(column(id, "withhold_identity")).isIn("TRUE", "true");
    assertThat(column(id, "kind")).isEqualTo("MALWARE");
    String body = GreenMailUtil.getBody(awaitMailTo("bob@example.org"));
    assertThat(body).contains("keep your identity private", "seems to contain a password");
    assertThat(body).doesNotContain("hunter22", "Acme-Thing");
    assertThat(column(id, "secret_warning")).isIn("TRUE", "true");
    assertThat(awaitMailTo("bob@example.org").getSubject())
        .isEqualTo("CPANSec: we received your malware report");
  }

  @Test
  void duplicatesAreIgnoredAndCounted() throws Exception {
    byte[] raw =
        RawMail.from("carol@example.org", "XSS in Web-Thing " + tag)
            .messageId(tag + "@example.org")
            .text("The search page echoes q unescaped.")
            .bytes();
    deliver(raw);
    assertThat(poller.poll().count(Outcome.REPORT)).isEqualTo(1);
    long report = reportWith(tag);

    deliver(raw);
    PollResult second = poller.poll();
    assertThat(second.duplicates()).isEqualTo(1);
    assertThat(second.count(Outcome.REPORT)).isZero();
    assertThat(reportsWith(tag)).isEqualTo(1);
    assertThat(reportWith(tag)).isEqualTo(report);
    assertThat(intakeRow(tag + "@example.org", "duplicates")).isEqualTo("1");
    assertThat(inbox()).hasSize(2).allSatisfy(m -> assertThat(m.isSet(Flags.Flag.SEEN)).isTrue());
    // A third poll finds nothing new.
    assertThat(poller.poll().total()).isZero();

    // Without a Message-ID, two copies are known by their content.
    String noId =
        "From: dave@example.org\nTo: "
            + TEAM
            + "\nSubject: No id "
            + tag
            + "\nDate: Tue, 1 Dec 2026 11:00:00 +0000\n\nSame words twice.\n";
    deliver(RawMail.bytes("Received: from a.example by mx.example\n" + noId));
    deliver(RawMail.bytes("Received: from b.example by mx.example\n" + noId));
    PollResult both = poller.poll();
    assertThat(both.count(Outcome.REPORT)).isEqualTo(1);
    assertThat(both.duplicates()).isEqualTo(1);
    assertThat(reportsWith("No id " + tag)).isEqualTo(1);
  }

  @Test
  void mailNamingACaseGoesToTheCaseWhenTheSenderIsAPartyToIt() throws Exception {
    String reference = "CPANSEC-2026-" + (100000 + ThreadLocalRandom.current().nextInt(900000));
    long caseId = newCase(reference, "maintainer-" + tag + "@example.org");

    deliver(
        RawMail.from("Maint <MAINTAINER-" + tag + "@example.org>", "Re: [" + reference + "] Foo")
            .messageId(tag + "-1@example.org")
            .text("Fixed in 1.3, thanks.")
            .bytes());
    deliver(
        RawMail.from("stranger@example.org", "Re: [" + reference + "] Foo " + tag)
            .messageId(tag + "-2@example.org")
            .text("I know something about this case.")
            .bytes());
    deliver(
        RawMail.from("erin@example.org", "[CPANSEC-1999-0001] " + tag)
            .messageId(tag + "-3@example.org")
            .text("A reference to no case.")
            .bytes());

    PollResult result = poller.poll();

    assertThat(result.count(Outcome.CASE_MAIL)).isEqualTo(1);
    assertThat(result.count(Outcome.REPORT)).isEqualTo(2);
    assertThat(caseMail.mailsOf(caseId))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.body()).isEqualTo("Fixed in 1.3, thanks.");
              assertThat(m.sender()).isEqualToIgnoringCase("maintainer-" + tag + "@example.org");
              assertThat(m.subject()).isEqualTo("Re: [" + reference + "] Foo");
              assertThat(m.messageId()).isEqualTo("<" + tag + "-1@example.org>");
            });
    assertThat(intakeRow(tag + "-1@example.org", "case_id")).isEqualTo(Long.toString(caseId));
    assertThat(reportsWith("Fixed in 1.3")).isZero();
    // A stranger naming the case, and a reference to no case, are both new reports, alike.
    assertThat(column(reportWith("Foo " + tag), "context"))
        .contains("The subject names case " + reference + ", which does not exist or to which");
    assertThat(column(reportWith("[CPANSEC-1999-0001] " + tag), "context"))
        .contains("The subject names case CPANSEC-1999-0001, which does not exist or to which");
    assertThat(inbox()).hasSize(3).allSatisfy(m -> assertThat(m.isSet(Flags.Flag.SEEN)).isTrue());
    // The maintainer gets no receipt (they are in a conversation); the other two do.
    awaitMailTo("stranger@example.org");
    awaitMailTo("erin@example.org");
    assertThat(mailsTo("maintainer-" + tag + "@example.org")).isZero();
  }

  @Test
  void malformedMailIsQuarantinedWithItsReasonAndRawBytes() throws Exception {
    byte[] raw =
        RawMail.bytes(
            "To: "
                + TEAM
                + "\nSubject: <script>alert(1)</script> "
                + tag
                + "\nMessage-ID: <"
                + tag
                + "@example.org>\nDate: Tue, 1 Dec 2026 12:00:00 +0000\n\nWho sent this?\n");
    deliver(raw);
    java.io.ByteArrayOutputStream stored = new java.io.ByteArrayOutputStream();
    inbox().get(0).getMimeMessage().writeTo(stored);

    PollResult result = poller.poll();

    assertThat(result.count(Outcome.QUARANTINED)).isEqualTo(1);
    long row = Long.parseLong(intakeRow(tag + "@example.org", "id"));
    assertThat(intakeRow(tag + "@example.org", "outcome")).isEqualTo("QUARANTINED");
    assertThat(intakeRow(tag + "@example.org", "reason"))
        .isEqualTo("no sender: the message has no From header");
    byte[] kept =
        jdbc.sql("SELECT raw FROM mail_quarantine WHERE message_row = ?")
            .param(row)
            .query((rs, n) -> rs.getBytes(1))
            .single();
    assertThat(new String(kept, StandardCharsets.UTF_8))
        .contains("Subject: <script>alert(1)</script> " + tag, "Who sent this?");
    // Exactly the message the mailbox holds, as it was delivered.
    assertThat(kept).isEqualTo(stored.toByteArray()).isEqualTo(raw);
    assertThat(reportsWith(tag)).isZero();
    assertThat(inbox())
        .singleElement()
        .satisfies(m -> assertThat(m.isSet(Flags.Flag.SEEN)).isTrue());

    // Only an admin who signed the agreement sees it.
    HttpResponse<String> anonymous = http.page("/admin/mail-intake");
    assertThat(anonymous.statusCode()).isEqualTo(403);
    assertThat(anonymous.body()).contains("Sign in as an admin").doesNotContain(tag);
    SignedInAs.member(false, true);
    assertThat(http.page("/admin/mail-intake").body())
        .contains("for admins only")
        .doesNotContain(tag);
    assertThat(http.page("/admin/mail-intake/raw/" + row).statusCode()).isEqualTo(403);
    SignedInAs.member(true, false);
    assertThat(http.page("/admin/mail-intake").body())
        .contains("pre-release disclosure agreement")
        .doesNotContain(tag);

    SignedInAs.member(true, true);
    HttpResponse<String> page = http.page("/admin/mail-intake");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("no sender: the message has no From header")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; " + tag)
        .doesNotContain("<script>alert(1)")
        .contains("/admin/mail-intake/raw/" + row);
    HttpResponse<byte[]> download =
        http.send(
            java.net.http.HttpRequest.newBuilder(http.uri("/admin/mail-intake/raw/" + row)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"mail-" + row + ".eml\"");
    assertThat(download.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/octet-stream");
    assertThat(download.body()).isEqualTo(kept);
    assertThat(http.page("/admin/mail-intake/raw/999999999").statusCode()).isEqualTo(404);
    assertThat(http.page("/admin/mail-intake/raw/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void encryptedMailBecomesAReportThatSaysSoAndKeepsTheMessage() throws Exception {
    byte[] raw =
        RawMail.bytes(
            "From: frank@example.org\nSubject: Encrypted report "
                + tag
                + "\nMessage-ID: <"
                + tag
                + "@example.org>\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\";"
                + " boundary=\"b\"\n\n--b\nContent-Type: application/pgp-encrypted\n\n"
                + "Version: 1\n--b\nContent-Type: application/octet-stream\n\n"
                + "-----BEGIN PGP MESSAGE-----\nhQEMA"
                + tag
                + "\n-----END PGP MESSAGE-----\n--b--\n");
    deliver(raw);

    assertThat(poller.poll().count(Outcome.ENCRYPTED)).isEqualTo(1);

    long id = reportWith(tag);
    assertThat(column(id, "details"))
        .contains("This report arrived encrypted (PGP/MIME) and has not been decrypted");
    assertThat(column(id, "withhold_identity")).isIn("TRUE", "true");
    long row = Long.parseLong(intakeRow(tag + "@example.org", "id"));
    assertThat(
            new String(
                jdbc.sql("SELECT raw FROM mail_encrypted WHERE message_row = ? AND report_id = ?")
                    .params(row, id)
                    .query((rs, n) -> rs.getBytes(1))
                    .single(),
                StandardCharsets.UTF_8))
        .contains("hQEMA" + tag);
    assertThat(GreenMailUtil.getBody(awaitMailTo("frank@example.org")))
        .contains("Your mail was encrypted (PGP/MIME)");
    SignedInAs.member(true, true);
    assertThat(http.page("/admin/mail-intake").body())
        .contains("Encrypted report " + tag, "PGP/MIME", "#" + id);
  }

  @Test
  void aMessageIsFlaggedSeenOnlyAfterItIsStored() throws Exception {
    deliver(
        RawMail.from("gina@example.org", "Attachment first " + tag)
            .messageId(tag + "@example.org")
            .text("See attached.")
            .attach("log.txt", "text/plain", "line\n".getBytes(StandardCharsets.UTF_8))
            .bytes());
    // The attachments table is away: storing fails half-way, after the report row was written.
    jdbc.sql("ALTER TABLE report_attachment RENAME TO report_attachment_away").update();
    PollResult failed;
    try {
      failed = poller.poll();
    } finally {
      jdbc.sql("ALTER TABLE report_attachment_away RENAME TO report_attachment").update();
    }
    assertThat(failed.failed()).isEqualTo(1);
    assertThat(failed.count(Outcome.REPORT)).isZero();
    assertThat(reportsWith(tag)).as("rolled back").isZero();
    assertThat(intakeCount(tag + "@example.org")).isZero();
    assertThat(inbox())
        .singleElement()
        .satisfies(m -> assertThat(m.isSet(Flags.Flag.SEEN)).isFalse());

    PollResult again = poller.poll();
    assertThat(again.count(Outcome.REPORT)).isEqualTo(1);
    assertThat(reportsWith(tag)).isEqualTo(1);
    assertThat(inbox())
        .singleElement()
        .satisfies(m -> assertThat(m.isSet(Flags.Flag.SEEN)).isTrue());
  }

  @Test
  void mailFromThePlatformItselfAndAutomaticMailGetNoAnswer() throws Exception {
    deliver(
        RawMail.from("noreply@cpansec.test", "CPANSec: we received your report " + tag)
            .messageId(tag + "-own@example.org")
            .text("Hello, ...")
            .bytes());
    deliver(
        RawMail.from("helen@example.org", "Out of office " + tag)
            .messageId(tag + "-auto@example.org")
            .header("Auto-Submitted", "auto-replied")
            .text("I am away until Monday.")
            .bytes());

    PollResult result = poller.poll();

    assertThat(result.count(Outcome.IGNORED)).isEqualTo(1);
    assertThat(result.count(Outcome.REPORT)).isEqualTo(1);
    assertThat(intakeRow(tag + "-own@example.org", "reason")).contains("sent by this platform");
    assertThat(column(reportWith("Out of office " + tag), "context"))
        .contains("no receipt was sent");
    assertThat(reportsWith("we received your report " + tag)).isZero();
    // Nothing was queued for either sender.
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM outbox WHERE recipient IN (?, ?)")
                .params("noreply@cpansec.test", "helen@example.org")
                .query(Integer.class)
                .single())
        .isZero();
  }

  // --- helpers -----------------------------------------------------------------------------

  void deliver(byte[] raw) throws Exception {
    team.deliver(
        new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
  }

  List<StoredMessage> inbox() throws Exception {
    return greenMail.getManagers().getImapHostManager().getInbox(team).getMessages();
  }

  long newCase(String reference, String maintainer) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.sql(
            "INSERT INTO cna_case (reference, state, title, reported_at, created_at, updated_at)"
                + " VALUES (?, 'TRIAGE', 'Code injection in Foo', ?, ?, ?)")
        .params(reference, now, now, now)
        .update();
    long id =
        jdbc.sql("SELECT id FROM cna_case WHERE reference = ?")
            .param(reference)
            .query(Long.class)
            .single();
    jdbc.sql(
            "INSERT INTO case_grant (case_id, party, name, email, token_hash, created_at)"
                + " VALUES (?, 'MAINTAINER', 'Maint', ?, ?, ?)")
        .params(id, maintainer, MailParser.sha256(reference.getBytes(StandardCharsets.UTF_8)), now)
        .update();
    return id;
  }

  long reportWith(String text) {
    return jdbc.sql("SELECT id FROM report WHERE details LIKE ?")
        .param("%" + text + "%")
        .query(Long.class)
        .single();
  }

  int reportsWith(String text) {
    return jdbc.sql("SELECT COUNT(*) FROM report WHERE details LIKE ?")
        .param("%" + text + "%")
        .query(Integer.class)
        .single();
  }

  String column(long reportId, String column) {
    return jdbc.sql("SELECT CAST(" + column + " AS VARCHAR(20000)) FROM report WHERE id = ?")
        .param(reportId)
        .query(String.class)
        .single();
  }

  String intakeRow(String messageId, String column) {
    return jdbc.sql(
            "SELECT CAST("
                + column
                + " AS VARCHAR(2000)) FROM mail_intake_message WHERE message_id = ?")
        .param("<" + messageId + ">")
        .query(String.class)
        .single();
  }

  int intakeCount(String messageId) {
    return jdbc.sql("SELECT COUNT(*) FROM mail_intake_message WHERE message_id = ?")
        .param("<" + messageId + ">")
        .query(Integer.class)
        .single();
  }

  long mailsTo(String recipient) {
    return Arrays.stream(greenMail.getReceivedMessages())
        .filter(m -> recipients(m).toLowerCase().contains(recipient.toLowerCase()))
        .count();
  }

  /** Receipts go out in the background after the poll's commit: wait for the one to expect. */
  MimeMessage awaitMailTo(String recipient) throws InterruptedException {
    for (int i = 0; i < 200 && mailsTo(recipient) == 0; i++) {
      Thread.sleep(50);
    }
    return Arrays.stream(greenMail.getReceivedMessages())
        .filter(m -> recipients(m).contains(recipient))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no mail to " + recipient));
  }

  private static String recipients(MimeMessage m) {
    try {
      return Arrays.toString(m.getRecipients(Message.RecipientType.TO));
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
