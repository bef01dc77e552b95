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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.cpansec.server.Http;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.cpansec.server.account.TestMembers;
import org.cpansec.server.account.WorkspaceClient;
import org.cpansec.server.cases.Cases;
import org.cpansec.server.cases.ExternalGrants;
import org.cpansec.server.cases.NewCase;
import org.cpansec.server.cases.Party;
import org.cpansec.server.cases.Viewer;
import org.cpansec.server.mail.OpenPgp;
import org.cpansec.server.mail.TestKeys;
import org.cpansec.server.mailin.MailIntakePoller.PollResult;
import org.cpansec.server.mailin.MailIntakeStore.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Mail intake end to end: messages delivered into a real IMAP mailbox (GreenMail on a loopback
 * port), one poll, then the rows in the database, the receipt delivered over GreenMail's SMTP, the
 * flags in the mailbox, mail on a case as the case's comments and files, OpenPGP mail decrypted
 * with the platform's key (made at test time), and the admin page, signed in for real. Run once per
 * database.
 */
abstract class MailIntakeContractTest {
  static final int SMTP_PORT = freePort();
  static final int IMAP_PORT = freePort();
  static final String TEAM = "team@cpansec.test";
  private static final Pattern TRACK = Pattern.compile("/track/([A-Za-z0-9_-]{43})");
  private static final TestKeys.Pgp PLATFORM_KEY = TestKeys.pgp("team@cpansec.test");
  private static final Path FILES = tempDir();

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
    r.add("cpansec.cases.attachment-dir", () -> FILES.resolve("attachments").toString());
    r.add("cpansec.mail.pgp.secret-key-file", () -> FILES.resolve("platform.asc").toString());
    r.add("cpansec.mail.pgp.secret-key-passphrase", PLATFORM_KEY::passphrase);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired MailIntakePoller poller;
  @Autowired CaseCommentMailSink caseMail;
  @Autowired Cases cases;
  @Autowired ExternalGrants grants;
  @Autowired ApplicationContext context;
  TestMembers members;
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
    members = new TestMembers(context);
  }

  /** A client signed in (password and TOTP) as a new member with these roles. */
  WorkspaceClient signedIn(String name, boolean signedAgreement, Role... roles) {
    return new WorkspaceClient(port).signIn(members.create(name, Set.of(roles), signedAgreement));
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
  void mailNamingACaseBecomesACommentOfTheCaseWhenTheSenderIsAPartyToIt() throws Exception {
    String maintainer = "maintainer-" + tag + "@example.org";
    Opened opened = newCase(maintainer);
    String reference = opened.reference();
    long caseId = opened.id();
    long grant = grantOf(caseId);
    TestMembers.TestMember cna = members.create("mailer", Set.of(Role.CNA_MEMBER), true);
    TestMembers.TestMember unsigned = members.create("unsigned", Set.of(Role.CNA_MEMBER), false);
    byte[] patch = "--- a/lib/Foo.pm\n+++ b/lib/Foo.pm\n".getBytes(StandardCharsets.UTF_8);

    deliver(
        RawMail.from("Maint <MAINTAINER-" + tag + "@example.org>", "Re: [" + reference + "] Foo")
            .messageId(tag + "-1@example.org")
            .text("Fixed in 1.3, thanks.")
            .attach("fix.patch", "text/x-diff", patch)
            .bytes());
    deliver(
        RawMail.from(cna.username() + "@example.org", "[" + reference + "] contact")
            .messageId(tag + "-2@example.org")
            .text("I wrote to the maintainer <again>.")
            .bytes());
    deliver(
        RawMail.from(unsigned.username() + "@example.org", "[" + reference + "] hello " + tag)
            .messageId(tag + "-3@example.org")
            .text("I have not signed the agreement.")
            .bytes());
    deliver(
        RawMail.from("stranger@example.org", "Re: [" + reference + "] Foo " + tag)
            .messageId(tag + "-4@example.org")
            .text("I know something about this case.")
            .bytes());
    deliver(
        RawMail.from("erin@example.org", "[CPANSEC-1999-0001] " + tag)
            .messageId(tag + "-5@example.org")
            .text("A reference to no case.")
            .bytes());

    PollResult result = poller.poll();

    assertThat(result.count(Outcome.CASE_MAIL)).isEqualTo(2);
    assertThat(result.count(Outcome.REPORT)).isEqualTo(3);
    // The maintainer's mail: a comment by their link, shared with the case's parties, with its
    // file as a file of the case; the member's: a private comment by that member.
    List<List<Object>> comments =
        jdbc.sql(
                "SELECT author_member_id, author_grant_id, body, shared, received_by_mail_from"
                    + " FROM case_comment WHERE case_id = ? ORDER BY id")
            .param(caseId)
            .query(
                (rs, n) ->
                    Arrays.<Object>asList(
                        rs.getObject(1, Long.class),
                        rs.getObject(2, Long.class),
                        rs.getString(3),
                        rs.getBoolean(4),
                        rs.getString(5)))
            .list();
    assertThat(comments).hasSize(2);
    assertThat(comments.get(0))
        .containsExactly(
            null,
            grant,
            "Fixed in 1.3, thanks.\n\n[Attached: fix.patch — see the case's files.]",
            true,
            "MAINTAINER-" + tag + "@example.org");
    assertThat(comments.get(1))
        .containsExactly(
            cna.id(),
            null,
            "I wrote to the maintainer <again>.",
            false,
            cna.username() + "@example.org");
    assertThat(
            jdbc.sql(
                    "SELECT file_name, size_bytes, uploaded_by, received_by_mail_from"
                        + " FROM case_attachment WHERE case_id = ?")
                .param(caseId)
                .query((rs, n) -> List.of(rs.getString(1), rs.getLong(2), rs.getObject(3) == null))
                .list())
        .containsExactly(List.of("fix.patch", (long) patch.length, true));
    // Audited as the sender, in the intake's transaction.
    assertThat(
            jdbc.sql(
                    "SELECT actor || ' ' || action FROM audit_log WHERE case_id = ?"
                        + " AND action LIKE '%.mail' ORDER BY id")
                .param(caseId)
                .query(String.class)
                .list())
        .containsExactly(
            "grant:" + grant + " case.attachment.mail",
            "grant:" + grant + " case.comment.mail",
            "member:" + cna.id() + " case.comment.mail");
    // The mails as they arrived stay with the case, linked to their comments.
    assertThat(caseMail.mailsOf(caseId))
        .hasSize(2)
        .allSatisfy(m -> assertThat(m.commentId()).isNotNull())
        .first()
        .satisfies(
            m -> {
              assertThat(m.body()).isEqualTo("Fixed in 1.3, thanks.");
              assertThat(m.subject()).isEqualTo("Re: [" + reference + "] Foo");
              assertThat(m.messageId()).isEqualTo("<" + tag + "-1@example.org>");
            });
    assertThat(intakeRow(tag + "-1@example.org", "case_id")).isEqualTo(Long.toString(caseId));
    assertThat(intakeRow(tag + "-1@example.org", "reason"))
        .matches("comment \\d+ on case " + reference + " with 1 attachment\\(s\\)");
    assertThat(reportsWith("Fixed in 1.3")).isZero();
    // A member who has not signed the agreement, a stranger naming the case, and a reference to
    // no case are all new reports, alike.
    assertThat(column(reportWith("hello " + tag), "context"))
        .contains("The subject names case " + reference + ", which does not exist or to which");
    assertThat(column(reportWith("Foo " + tag), "context"))
        .contains("The subject names case " + reference + ", which does not exist or to which");
    assertThat(column(reportWith("[CPANSEC-1999-0001] " + tag), "context"))
        .contains("The subject names case CPANSEC-1999-0001, which does not exist or to which");
    assertThat(inbox()).hasSize(5).allSatisfy(m -> assertThat(m.isSet(Flags.Flag.SEEN)).isTrue());
    // The parties get no receipt (they are in a conversation); the other three do.
    awaitMailTo("stranger@example.org");
    awaitMailTo("erin@example.org");
    awaitMailTo(unsigned.username() + "@example.org");
    assertThat(mailsTo(maintainer)).isZero();
    assertThat(mailsTo(cna.username() + "@example.org")).isZero();

    // On the case page: the comments say they came by mail, and from whom; the file is the case's.
    HttpResponse<String> page =
        new WorkspaceClient(port).signIn(cna).get("/cna/cases/" + reference);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("received by mail from MAINTAINER-" + tag + "@example.org")
        .contains("I wrote to the maintainer &lt;again&gt;.")
        .contains("fix.patch", "MAINTAINER-" + tag + "@example.org (by mail)");
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
    WorkspaceClient nobody = new WorkspaceClient(port);
    HttpResponse<String> anonymous = nobody.getNoRedirect("/admin/mail-intake");
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    assertThat(nobody.getNoRedirect("/admin/mail-intake/raw/" + row).statusCode()).isEqualTo(302);
    WorkspaceClient cna = signedIn("intake-cna", true, Role.CNA_MEMBER);
    HttpResponse<String> notAdmin = cna.get("/admin/mail-intake");
    assertThat(notAdmin.statusCode()).isEqualTo(403);
    assertThat(notAdmin.body()).contains("Not for your role").doesNotContain(tag);
    assertThat(cna.get("/admin/mail-intake/raw/" + row).statusCode()).isEqualTo(403);
    WorkspaceClient unsigned = signedIn("intake-unsigned", false, Role.ADMIN);
    HttpResponse<String> notSigned = unsigned.get("/admin/mail-intake");
    assertThat(notSigned.statusCode()).isEqualTo(403);
    assertThat(notSigned.body()).contains("pre-release disclosure agreement").doesNotContain(tag);
    assertThat(unsigned.get("/admin/mail-intake/raw/" + row).statusCode()).isEqualTo(403);

    WorkspaceClient admin = signedIn("intake-admin", true, Role.ADMIN);
    HttpResponse<String> page = admin.get("/admin/mail-intake");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("no sender: the message has no From header")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; " + tag)
        .doesNotContain("<script>alert(1)")
        .contains("/admin/mail-intake/raw/" + row)
        .as("the workspace layout and the admin navigation")
        .contains("Sign out", "aria-label=\"Administration\"", "href=\"/admin/outbox\"");
    HttpResponse<String> download = admin.getNoRedirect("/admin/mail-intake/raw/" + row);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"mail-" + row + ".eml\"");
    assertThat(download.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/octet-stream");
    assertThat(download.body()).isEqualTo(new String(kept, StandardCharsets.UTF_8));
    assertThat(admin.getNoRedirect("/admin/mail-intake/raw/999999999").statusCode()).isEqualTo(404);
    assertThat(admin.getNoRedirect("/admin/mail-intake/raw/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void encryptedMailThatCannotBeDecryptedBecomesAReportThatSaysWhyAndKeepsTheMessage()
      throws Exception {
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
    // Encrypted for someone else's key: well-formed, but not for the platform.
    TestKeys.Pgp other = TestKeys.pgp("other@example.org");
    deliver(
        RawMail.from("gail@example.org", "Not for you " + tag)
            .messageId(tag + "-other@example.org")
            .pgpMime(encrypt(RawMail.entity().text("for other eyes").bytes(), other)));

    assertThat(poller.poll().count(Outcome.ENCRYPTED)).isEqualTo(2);

    long id = reportWith("Encrypted report " + tag);
    assertThat(column(id, "details"))
        .contains("This report arrived encrypted (PGP/MIME) and has not been decrypted: ");
    assertThat(column(id, "withhold_identity")).isIn("TRUE", "true");
    assertThat(intakeRow(tag + "@example.org", "reason"))
        .startsWith("encrypted (PGP/MIME), not decrypted: ");
    assertThat(intakeRow(tag + "-other@example.org", "reason"))
        .isEqualTo(
            "encrypted (PGP/MIME), not decrypted: the message is not encrypted to the platform's"
                + " key");
    long row = Long.parseLong(intakeRow(tag + "@example.org", "id"));
    assertThat(
            new String(
                jdbc.sql(
                        "SELECT raw FROM mail_encrypted WHERE message_row = ? AND report_id = ?"
                            + " AND decrypted_at IS NULL")
                    .params(row, id)
                    .query((rs, n) -> rs.getBytes(1))
                    .single(),
                StandardCharsets.UTF_8))
        .contains("hQEMA" + tag);
    assertThat(GreenMailUtil.getBody(awaitMailTo("frank@example.org")))
        .contains("Your mail was encrypted (PGP/MIME)");
    assertThat(signedIn("crypto-admin", true, Role.ADMIN).get("/admin/mail-intake").body())
        .contains("Encrypted report " + tag, "Not for you " + tag, "PGP/MIME", "#" + id);
  }

  @Test
  void mailEncryptedToThePlatformKeyIsDecryptedAndTakenInLikeClearMail() throws Exception {
    byte[] poc = "int main(void) { return overflow(); }\n".getBytes(StandardCharsets.UTF_8);
    byte[] clear =
        RawMail.entity()
            .text("Keep my identity private.\n\nXS-Thing 0.3 overflows its heap " + tag + ".")
            .attach("poc.c", "text/x-c", poc)
            .bytes();
    byte[] raw =
        RawMail.from("Ida <ida@example.org>", "Report")
            .messageId(tag + "@example.org")
            .pgpMime(encrypt(clear, PLATFORM_KEY));
    deliver(raw);

    PollResult result = poller.poll();

    assertThat(result.count(Outcome.REPORT)).isEqualTo(1);
    assertThat(result.count(Outcome.ENCRYPTED)).isZero();
    long id = reportWith("XS-Thing 0.3 overflows its heap " + tag);
    assertThat(column(id, "details"))
        .isEqualTo(
            "Report\n\nKeep my identity private.\n\nXS-Thing 0.3 overflows its heap " + tag + ".");
    assertThat(column(id, "withhold_identity")).isIn("TRUE", "true");
    assertThat(column(id, "reporter_email")).isEqualTo("ida@example.org");
    assertThat(column(id, "context"))
        .contains("The mail was encrypted (PGP/MIME) to the platform's key and was decrypted");
    assertThat(
            jdbc.sql("SELECT file_name, content FROM report_attachment WHERE report_id = ?")
                .param(id)
                .query((rs, n) -> List.of(rs.getString(1), rs.getBytes(2)))
                .list())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get(0)).isEqualTo("poc.c");
              assertThat((byte[]) f.get(1)).isEqualTo(poc);
            });
    assertThat(intakeRow(tag + "@example.org", "outcome")).isEqualTo("REPORT");
    assertThat(intakeRow(tag + "@example.org", "reason")).isEqualTo("decrypted (PGP/MIME)");
    // The encrypted original is kept, marked decrypted; nothing waits for decryption.
    long row = Long.parseLong(intakeRow(tag + "@example.org", "id"));
    assertThat(
            jdbc.sql(
                    "SELECT raw FROM mail_encrypted WHERE message_row = ? AND report_id = ?"
                        + " AND decrypted_at IS NOT NULL")
                .params(row, id)
                .query((rs, n) -> rs.getBytes(1))
                .single())
        .isEqualTo(raw);
    String body = GreenMailUtil.getBody(awaitMailTo("ida@example.org"));
    assertThat(body)
        .contains("keep your identity private")
        .doesNotContain("encrypted", "XS-Thing", tag, "poc.c");
    assertThat(signedIn("decrypt-admin", true, Role.ADMIN).get("/admin/mail-intake").body())
        .doesNotContain(tag);
  }

  @Test
  void inlineEncryptedMailOnACaseBecomesADecryptedComment() throws Exception {
    String maintainer = "maint-" + tag + "@example.org";
    Opened opened = newCase(maintainer);
    String reference = opened.reference();
    long caseId = opened.id();
    String armoured =
        encrypt(("The fix is in 2.0 " + tag + ".").getBytes(StandardCharsets.UTF_8), PLATFORM_KEY);
    byte[] raw =
        RawMail.from(maintainer, "Re: [" + reference + "]")
            .messageId(tag + "@example.org")
            .text("Hello,\n\n" + armoured + "\nRegards")
            .bytes();
    deliver(raw);

    assertThat(poller.poll().count(Outcome.CASE_MAIL)).isEqualTo(1);

    assertThat(
            jdbc.sql("SELECT body FROM case_comment WHERE case_id = ?")
                .param(caseId)
                .query(String.class)
                .single())
        .contains("Hello,", "The fix is in 2.0 " + tag + ".", "Regards")
        .doesNotContain("BEGIN PGP MESSAGE");
    assertThat(intakeRow(tag + "@example.org", "reason"))
        .startsWith("decrypted (inline OpenPGP); comment ");
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM mail_encrypted WHERE message_row = ?"
                        + " AND decrypted_at IS NOT NULL AND report_id IS NULL")
                .param(Long.parseLong(intakeRow(tag + "@example.org", "id")))
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    assertThat(reportsWith(tag)).isZero();
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

  /** A case opened by a CNA member through the cases services, with a link for a maintainer. */
  record Opened(long id, String reference) {}

  Opened newCase(String maintainer) {
    TestMembers.TestMember opener = members.create("opener", Set.of(Role.CNA_MEMBER), true);
    Viewer viewer =
        Viewer.of(
            new Member(
                opener.id(),
                opener.username(),
                "Opener",
                opener.username() + "@example.org",
                opener.roles(),
                true));
    String reference =
        cases.create(new NewCase("Code injection in Foo", "Foo", "1.2", false), viewer);
    grants.create(reference, Party.MAINTAINER, "Maint", maintainer, viewer);
    long id =
        jdbc.sql("SELECT id FROM cna_case WHERE reference = ?")
            .param(reference)
            .query(Long.class)
            .single();
    return new Opened(id, reference);
  }

  long grantOf(long caseId) {
    return jdbc.sql("SELECT id FROM case_grant WHERE case_id = ?")
        .param(caseId)
        .query(Long.class)
        .single();
  }

  /** Encrypts bytes to a key, as a mail client would (armoured OpenPGP, with integrity check). */
  static String encrypt(byte[] plain, TestKeys.Pgp key) {
    PGPPublicKey k =
        OpenPgp.encryptionKey(OpenPgp.readRing(key.publicKey()), Instant.now()).orElseThrow();
    return new String(OpenPgp.encrypt(plain, List.of(k)), StandardCharsets.US_ASCII);
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

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("cpansec-mailin-");
      Files.writeString(dir.resolve("platform.asc"), PLATFORM_KEY.secretKey());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
