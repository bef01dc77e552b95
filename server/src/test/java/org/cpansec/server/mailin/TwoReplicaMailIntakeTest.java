package org.cpansec.server.mailin;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.cpansec.server.PostgresAvailable;
import org.cpansec.server.Replicas;
import org.cpansec.server.mail.Outbox;
import org.cpansec.server.mail.OutboxSender;
import org.cpansec.server.mail.QueuedMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two replicas of the server ({@link Replicas}: two application contexts on one fresh PostgreSQL
 * database) polling one IMAP mailbox every 200 ms and retrying the outbox every 200 ms, with one
 * GreenMail for IMAP and SMTP. Each message must become exactly one report and one receipt mail;
 * the scheduled polls and retries run under their ShedLock rows, one replica at a time (none while
 * someone else holds the row), and even two polls forced at the same moment take a message in once
 * (the unique key on the message stays). Needs PostgreSQL; skipped without it unless {@code
 * CI=true}, where it fails.
 */
@ExtendWith(PostgresAvailable.class)
class TwoReplicaMailIntakeTest {
  private static final String TEAM = "team@cpansec.test";
  private static final int SMTP_PORT = MailIntakeContractTest.freePort();
  private static final int IMAP_PORT = MailIntakeContractTest.freePort();

  private static Replicas replicas;
  private static JdbcClient jdbc;
  private GreenMail greenMail;
  private GreenMailUser team;
  private String tag;

  @BeforeAll
  static void start() throws SQLException {
    Map<String, Object> p = new HashMap<>();
    p.put("spring.mail.host", "127.0.0.1");
    p.put("spring.mail.port", String.valueOf(SMTP_PORT));
    p.put("cpansec.mail.from", "noreply@cpansec.test");
    p.put("cpansec.mail.team-address", TEAM);
    p.put("cpansec.mail.poll-interval", "PT0.2S");
    p.put("cpansec.mail-intake.enabled", "true");
    p.put("cpansec.mail-intake.host", "127.0.0.1");
    p.put("cpansec.mail-intake.port", String.valueOf(IMAP_PORT));
    p.put("cpansec.mail-intake.protocol", "imap");
    p.put("cpansec.mail-intake.username", "team");
    p.put("cpansec.mail-intake.password", "secret");
    p.put("cpansec.mail-intake.poll-interval", "PT0.2S");
    p.put("cpansec.mail-intake.timeout", "PT5S");
    p.put("cpansec.clocks.reminders.enabled", "false");
    replicas = Replicas.start(2, p);
    jdbc = replicas.context(0).getBean(JdbcClient.class);
  }

  @AfterAll
  static void stop() throws SQLException {
    if (replicas != null) {
      replicas.close();
    }
  }

  @BeforeEach
  void mailbox() {
    greenMail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
            });
    greenMail.start();
    team = greenMail.setUser(TEAM, "team", "secret");
    tag = UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void closeMailbox() {
    greenMail.stop();
  }

  @Test
  void bothReplicasPollAndEachMessageBecomesOneReportAndOneReceipt() throws Exception {
    List<String> senders = List.of("ann-" + tag, "bob-" + tag, "cid-" + tag);
    for (String s : senders) {
      deliver(s, "Vulnerability in Dist-" + s);
    }

    await("three reports", () -> reports() == 3);
    await("three receipts", () -> senders.stream().allMatch(s -> receipts(s) >= 1));
    long runsA = poller(0).scheduledRuns();
    long runsB = poller(1).scheduledRuns();
    await(
        "more polls on both replicas",
        () -> poller(0).scheduledRuns() >= runsA + 3 && poller(1).scheduledRuns() >= runsB + 3);

    assertThat(reports()).isEqualTo(3);
    for (String s : senders) {
      assertThat(receipts(s)).as(s).isEqualTo(1);
      assertThat(
              jdbc.sql("SELECT COUNT(*) FROM report WHERE reporter_email = ?")
                  .param(s + "@example.org")
                  .query(Integer.class)
                  .single())
          .isEqualTo(1);
    }
    assertThat(intakeRows()).isEqualTo(3);
    // The scheduled polls never overlapped: no replica fetched a message the other was taking in.
    assertThat(
            jdbc.sql("SELECT COALESCE(SUM(duplicates), 0) FROM mail_intake_message")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(inbox()).hasSize(3).allSatisfy(m -> assertThat(m.isSet(Flags.Flag.SEEN)).isTrue());
    assertThat(
            jdbc.sql("SELECT name FROM shedlock WHERE name IN (?, ?) ORDER BY name")
                .params(MailIntakePoller.LOCK, OutboxSender.LOCK)
                .query(String.class)
                .list())
        .containsExactlyInAnyOrder(OutboxSender.LOCK, MailIntakePoller.LOCK);
  }

  @Test
  void whileTheLockIsHeldElsewhereNeitherReplicaPollsThenOneDoes() throws Exception {
    SimpleLock held = takeLock(MailIntakePoller.LOCK);
    try {
      deliver("dee-" + tag, "Held " + tag);
      long runs = poller(0).scheduledRuns() + poller(1).scheduledRuns();
      together(() -> scheduledPoll(0), () -> scheduledPoll(1));
      assertThat(poller(0).scheduledRuns() + poller(1).scheduledRuns()).isEqualTo(runs);
      assertThat(reports()).isZero();
      assertThat(inbox())
          .singleElement()
          .satisfies(m -> assertThat(m.isSet(Flags.Flag.SEEN)).isFalse());
    } finally {
      held.unlock();
    }
    await("the report", () -> reports() == 1);
    await("the receipt", () -> receipts("dee-" + tag) == 1);
    long runsA = poller(0).scheduledRuns();
    long runsB = poller(1).scheduledRuns();
    await(
        "more polls on both replicas",
        () -> poller(0).scheduledRuns() >= runsA + 3 && poller(1).scheduledRuns() >= runsB + 3);
    assertThat(reports()).isEqualTo(1);
    assertThat(receipts("dee-" + tag)).isEqualTo(1);
  }

  @Test
  void twoPollsForcedAtTheSameMomentTakeAMessageInOnce() throws Exception {
    // The schedules are kept out (the test holds the lock); only the unlocked polls run.
    SimpleLock held = takeLock(MailIntakePoller.LOCK);
    try {
      deliver("eve-" + tag, "Raced " + tag);
      together(() -> poller(0).poll(), () -> poller(1).poll());
      assertThat(reports()).isEqualTo(1);
      assertThat(intakeRows()).isEqualTo(1);
    } finally {
      held.unlock();
    }
    await("the receipt", () -> receipts("eve-" + tag) == 1);
    long runsA = poller(0).scheduledRuns();
    long runsB = poller(1).scheduledRuns();
    await(
        "more polls on both replicas",
        () -> poller(0).scheduledRuns() >= runsA + 3 && poller(1).scheduledRuns() >= runsB + 3);
    assertThat(reports()).isEqualTo(1);
    assertThat(receipts("eve-" + tag)).isEqualTo(1);
  }

  @Test
  void theScheduledOutboxRetryRunsOnlyUnderItsLock() throws Exception {
    String to = "fay-" + tag + "@example.org";
    SimpleLock held = takeLock(OutboxSender.LOCK);
    long id;
    try {
      // Queued without the immediate send: only a retry delivers it.
      id =
          replicas
              .context(0)
              .getBean(Outbox.class)
              .enqueue(new QueuedMail(to, "Queued " + tag, "Hello."), null);
      together(() -> scheduledRetry(0), () -> scheduledRetry(1));
      assertThat(status(id)).isEqualTo("QUEUED");
      assertThat(mailsTo(to)).isZero();
    } finally {
      held.unlock();
    }
    await("the mail sent by a scheduled retry", () -> "SENT".equals(status(id)));
    await("the mail delivered", () -> mailsTo(to) >= 1);
    // A sent row is never claimed again, whichever replica's retry comes next.
    long runsA = poller(0).scheduledRuns();
    long runsB = poller(1).scheduledRuns();
    await(
        "more scheduled work on both replicas",
        () -> poller(0).scheduledRuns() >= runsA + 3 && poller(1).scheduledRuns() >= runsB + 3);
    assertThat(mailsTo(to)).isEqualTo(1);
    assertThat(status(id)).isEqualTo("SENT");
  }

  // ------------------------------------------------------------------ helpers

  private static MailIntakePoller poller(int i) {
    return replicas.context(i).getBean(MailIntakePoller.class);
  }

  private static Boolean scheduledPoll(int i) {
    poller(i).scheduledPoll();
    return true;
  }

  private static Boolean scheduledRetry(int i) {
    replicas.context(i).getBean(OutboxSender.class).scheduledRetry();
    return true;
  }

  private static SimpleLock takeLock(String name) throws InterruptedException {
    LockProvider locks = replicas.context(0).getBean(LockProvider.class);
    for (int i = 0; i < 200; i++) {
      var lock =
          locks.lock(
              new LockConfiguration(Instant.now(), name, Duration.ofMinutes(2), Duration.ZERO));
      if (lock.isPresent()) {
        return lock.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the lock " + name + " stayed taken");
  }

  private void deliver(String sender, String subject) throws Exception {
    byte[] raw =
        RawMail.from(sender + "@example.org", subject)
            .messageId(sender + "@example.org")
            .text("Details of " + subject + ".")
            .bytes();
    team.deliver(
        new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
  }

  private List<StoredMessage> inbox() throws Exception {
    return greenMail.getManagers().getImapHostManager().getInbox(team).getMessages();
  }

  private int reports() {
    return jdbc.sql("SELECT COUNT(*) FROM report WHERE reporter_email LIKE ?")
        .param("%-" + tag + "@example.org")
        .query(Integer.class)
        .single();
  }

  private int intakeRows() {
    return jdbc.sql("SELECT COUNT(*) FROM mail_intake_message WHERE sender LIKE ?")
        .param("%-" + tag + "@example.org")
        .query(Integer.class)
        .single();
  }

  private String status(long outboxId) {
    return jdbc.sql("SELECT status FROM outbox WHERE id = ?")
        .param(outboxId)
        .query(String.class)
        .single();
  }

  private long receipts(String sender) {
    return mailsTo(sender + "@example.org");
  }

  private long mailsTo(String address) {
    return Arrays.stream(greenMail.getReceivedMessages())
        .filter(m -> to(m).contains(address))
        .count();
  }

  private static String to(MimeMessage m) {
    try {
      return Arrays.toString(m.getRecipients(Message.RecipientType.TO));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs the calls at the same moment (released together by a barrier); their results. */
  @SafeVarargs
  private static <T> List<T> together(Callable<T>... calls) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(calls.length);
    ExecutorService pool = Executors.newFixedThreadPool(calls.length);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> call : calls) {
        futures.add(
            pool.submit(
                () -> {
                  barrier.await();
                  return call.call();
                }));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }

  /** Polls until the condition holds; fails naming it when it does not within a minute. */
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("still waiting for: " + what);
  }
}
