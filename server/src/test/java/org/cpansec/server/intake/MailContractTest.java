package org.cpansec.server.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.server.mail.OutboxSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The three mails a report causes, delivered to a real SMTP server (GreenMail on a loopback port),
 * and the outbox's retry when that server is down. The server is started per test, on a port
 * reserved for this class, so a test can also run while it is down. Run once per database.
 */
abstract class MailContractTest {
  private static final int SMTP_PORT = freePort();
  private static final String TEAM = "team@cpansec.test";
  private static final String PAUSE = "pause-admins@cpansec.test";
  private static final Pattern TOKEN = Pattern.compile("/track/([A-Za-z0-9_-]{43})");

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry r) {
    r.add("spring.mail.host", () -> "127.0.0.1");
    r.add("spring.mail.port", () -> SMTP_PORT);
    r.add("cpansec.mail.from", () -> "noreply@cpansec.test");
    r.add("cpansec.mail.team-address", () -> TEAM);
    r.add("cpansec.intake.pause-admin-address", () -> PAUSE);
    // The scheduled retry stays out of the way: the tests call it when they mean to.
    r.add("cpansec.mail.poll-interval", () -> "PT1H");
    r.add("cpansec.advisories.import-bundled", () -> "false");
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired OutboxSender sender;
  FormClient client;
  GreenMail smtp;

  @BeforeEach
  void fresh() {
    client = new FormClient(port);
    jdbc.sql("DELETE FROM submission").update();
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  @Test
  void vulnerabilityReportConfirmsToTheReporterAndNotifiesTheTeam() throws Exception {
    smtp.start();
    Map<String, String> f = IntakeContractTest.vulnerability();
    f.put("email", "reporter@example.org");
    HttpResponse<String> receipt =
        client.submit("/report/vulnerability", "/report/vulnerability", f);
    assertThat(receipt.statusCode()).isEqualTo(200);
    Matcher token = TOKEN.matcher(receipt.body());
    assertThat(token.find()).isTrue();
    long id = lastReport();
    awaitSent(id, 2);

    MimeMessage confirmation = to("reporter@example.org");
    assertThat(confirmation.getSubject())
        .isEqualTo("CPANSec: we received your vulnerability report");
    assertThat(confirmation.getFrom()[0].toString()).isEqualTo("noreply@cpansec.test");
    String body = GreenMailUtil.getBody(confirmation);
    assertThat(body).contains("received your vulnerability report on ", " UTC", "shown once");
    assertThat(body)
        .doesNotContain(token.group(1), "HTTP-Tiny", "verify_SSL", "0.082", "cpan.metacpan.org");

    MimeMessage notice = to(TEAM);
    assertThat(notice.getSubject()).isEqualTo("New vulnerability report #" + id);
    assertThat(GreenMailUtil.getBody(notice))
        .contains("Report #" + id + " (vulnerability report)", "workspace")
        .doesNotContain("HTTP-Tiny", "verify_SSL", "reporter@example.org", token.group(1));
  }

  @Test
  void accountReportIsForwardedToPauseAdminsWithTheEvidence() throws Exception {
    smtp.start();
    HttpResponse<String> r =
        client.submit(
            "/report/account",
            "/report/account",
            Map.of("pauseId", "someone", "evidence", "Unexpected upload of Foo-1.0 at 03:00 UTC."));
    assertThat(r.statusCode()).isEqualTo(200);
    awaitSent(lastReport(), 2);
    MimeMessage forwarded = to(PAUSE);
    assertThat(forwarded.getSubject()).isEqualTo("Compromised PAUSE account reported: SOMEONE");
    assertThat(GreenMailUtil.getBody(forwarded))
        .contains("CPAN id: SOMEONE", "Unexpected upload of Foo-1.0 at 03:00 UTC.");
    assertThat(GreenMailUtil.getBody(to(TEAM)))
        .contains("compromised PAUSE account report", PAUSE)
        .doesNotContain("Foo-1.0");
    // No address given: no confirmation.
    assertThat(smtp.getReceivedMessages()).hasSize(2);
  }

  @Test
  void aDownSmtpServerLeavesTheMailQueuedAndALaterRetrySendsItOnce() throws Exception {
    HttpResponse<String> r =
        client.submit(
            "/report/account",
            "/report/account",
            Map.of("pauseId", "victim", "evidence", "New co-maintainer nobody asked for."));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("tracking-link").doesNotContain("Exception");
    long mail = pauseMail("VICTIM");
    awaitFailedAttempt(mail);
    assertThat(column(mail, "status")).isEqualTo("QUEUED");
    assertThat(column(mail, "last_error")).isNotBlank();

    smtp.start();
    sender.retryDue();
    // The back-off has not elapsed yet. (Other queued rows in a shared database may go out.)
    assertThat(toPause()).as("back-off not yet elapsed").isZero();
    assertThat(column(mail, "status")).isEqualTo("QUEUED");

    jdbc.sql("UPDATE outbox SET next_attempt_at = ? WHERE report_id = ?")
        .params(java.time.OffsetDateTime.now().minusSeconds(1), lastReport())
        .update();
    sender.retryDue();
    sender.retryDue();
    assertThat(toPause()).isEqualTo(1);
    assertThat(column(mail, "status")).isEqualTo("SENT");
    assertThat(column(mail, "attempts")).isEqualTo("2");
    assertThat(column(mail, "last_error")).isNull();
  }

  private long toPause() {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> recipients(m).contains(PAUSE))
        .count();
  }

  private MimeMessage to(String recipient) {
    return Arrays.stream(smtp.getReceivedMessages())
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

  private long lastReport() {
    return jdbc.sql("SELECT MAX(id) FROM report").query(Long.class).single();
  }

  /** Mail goes out in the background after the receipt: wait until the report's rows are sent. */
  private void awaitSent(long reportId, int expected) throws InterruptedException {
    for (int i = 0; i < 200 && sent(reportId) < expected; i++) {
      Thread.sleep(50);
    }
    assertThat(sent(reportId)).isEqualTo(expected);
    assertThat(smtp.getReceivedMessages()).hasSize(expected);
  }

  private int sent(long reportId) {
    return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE report_id = ? AND status = 'SENT'")
        .param(reportId)
        .query(Integer.class)
        .single();
  }

  private long pauseMail(String pauseId) {
    return jdbc.sql("SELECT id FROM outbox WHERE subject = ?")
        .param("Compromised PAUSE account reported: " + pauseId)
        .query(Long.class)
        .single();
  }

  private String column(long id, String column) {
    return jdbc.sql("SELECT CAST(" + column + " AS VARCHAR(2000)) FROM outbox WHERE id = ?")
        .param(id)
        .query(String.class)
        .list()
        .get(0);
  }

  /** The first attempt runs in the background after the receipt: wait for its outcome. */
  private void awaitFailedAttempt(long id) throws InterruptedException {
    for (int i = 0; i < 200 && "0".equals(column(id, "attempts")); i++) {
      Thread.sleep(50);
    }
    assertThat(column(id, "attempts")).isEqualTo("1");
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
