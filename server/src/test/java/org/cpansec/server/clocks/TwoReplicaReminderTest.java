package org.cpansec.server.clocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.cpansec.server.account.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two replicas of the server — two application contexts ({@link Replicas}), each on its own random
 * port — on one fresh PostgreSQL database, with the reminder job running every 200 ms on both and
 * one SMTP server (GreenMail) for both. Each reminder must reach GreenMail exactly once and be one
 * row in {@code reminder}: while the scheduled jobs compete, and when both replicas are made to run
 * at the same moment (the unlocked core of the job and the locked job itself). Each reminder mail
 * is the REMINDER template's, queued through MailService with the reminder's own idempotency key.
 * Needs PostgreSQL; skipped without it unless {@code CI=true}, where it fails.
 */
@ExtendWith(PostgresAvailable.class)
class TwoReplicaReminderTest {
  private static final Instant NOW = Instant.parse("2090-06-01T10:00:00Z");

  /** Both replicas read the same clock: a case reported 10 days ago is overdue on both. */
  static final MutableClock CLOCK = new MutableClock(NOW);

  private static Replicas replicas;
  private static GreenMail smtp;
  private static Replica a;
  private static Replica b;
  private static JdbcClient jdbc;

  /** One running server and the beans the test drives. */
  record Replica(ConfigurableApplicationContext context, int port) {
    Reminders reminders() {
      return context.getBean(Reminders.class);
    }

    ReminderJob job() {
      return context.getBean(ReminderJob.class);
    }
  }

  /** Only in the replicas: the shared test clock replaces the system clock. */
  static class ReplicaClock {
    @Bean
    @Primary
    Clock replicaClock() {
      return CLOCK;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    int smtpPort = freePort();
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Map<String, Object> p = new HashMap<>();
    p.put("spring.mail.host", "127.0.0.1");
    p.put("spring.mail.port", String.valueOf(smtpPort));
    p.put("cpansec.mail.from", "noreply@cpansec.test");
    p.put("cpansec.mail.poll-interval", "PT1S");
    p.put("cpansec.clocks.zone", "Europe/Berlin");
    p.put("cpansec.clocks.reminders.initial-delay", "PT0.1S");
    p.put("cpansec.clocks.reminders.interval", "PT0.2S");
    replicas = Replicas.start(2, p, ReplicaClock.class);
    a = new Replica(replicas.context(0), replicas.port(0));
    b = new Replica(replicas.context(1), replicas.port(1));
    jdbc = a.context().getBean(JdbcClient.class);
  }

  @AfterAll
  static void stop() throws SQLException {
    if (replicas != null) {
      replicas.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void bothReplicasServeAndRunTheJobAndEachReminderIsDeliveredOnce() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (Replica r : List.of(a, b)) {
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + r.port() + "/actuator/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
    }
    assertThat(a.port()).isNotEqualTo(b.port());

    String ann = member("ann");
    String bob = member("bob");
    // Contact overdue (reported 10 days ago), for two assignees.
    long contact = newCase(NOW.minus(Duration.ofDays(10)), null, null);
    assign(contact, ann);
    assign(contact, bob);
    // Disclosure date reached yesterday, for one.
    long disclosure =
        newCase(
            NOW.minus(Duration.ofDays(20)),
            NOW.minus(Duration.ofDays(15)),
            java.time.LocalDate.parse("2090-05-31"));
    assign(disclosure, ann);
    // A dispute received 8 days ago, not acknowledged.
    long disputed = newCase(NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(59)), null);
    jdbc.sql("UPDATE cna_case SET state = 'PUBLISHED', published_at = ? WHERE id = ?")
        .params(utc(NOW.minus(Duration.ofDays(30))), disputed)
        .update();
    jdbc.sql(
            "INSERT INTO case_dispute (case_id, received_at, sender, body, recorded_at)"
                + " VALUES (?, ?, 'vendor@example.org', 'wrong range', ?)")
        .params(disputed, utc(NOW.minus(Duration.ofDays(8))), utc(NOW))
        .update();
    assign(disputed, bob);

    // Both schedules pick them up; 4 reminders in all.
    List<String> people = List.of(ann, bob);
    await("4 reminder mails", () -> mails(ann, bob) >= 4);
    await("every reminder mail sent", () -> sentRemindersOf(people) == 4);
    long runsA = a.job().runs();
    long runsB = b.job().runs();
    // Let both replicas run the job several more times.
    await(
        "more runs on both replicas",
        () -> a.job().runs() >= runsA + 3 && b.job().runs() >= runsB + 3);

    assertThat(mails(ann)).isEqualTo(2);
    assertThat(mails(bob)).isEqualTo(2);
    assertThat(reminders(contact)).isEqualTo(2);
    assertThat(reminders(disclosure)).isEqualTo(1);
    assertThat(reminders(disputed)).isEqualTo(1);
    assertThat(distinctSubjects(ann, bob)).isEqualTo(4);
    assertThat(remindersOf(people)).isEqualTo(4);
  }

  @Test
  void bothReplicasForcedToRunAtTheSameMomentStillRemindOnce() throws Exception {
    // While the test holds the job's lock, neither replica's schedule runs: only the forced calls.
    LockProvider locks = a.context().getBean(LockProvider.class);
    SimpleLock held = takeLock(locks);
    List<String> people = new ArrayList<>();
    try {
      // 1. The job's core on both replicas at once, each trying to record the same reminders.
      String carol = member("carol");
      String dave = member("dave");
      people.add(carol);
      people.add(dave);
      long one = newCase(NOW.minus(Duration.ofDays(9)), null, null);
      assign(one, carol);
      assign(one, dave);
      List<Reminders.Pending> due =
          a.reminders().pending().stream().filter(p -> p.caseId() == one).toList();
      assertThat(due).hasSize(2);
      assertThat(b.reminders().pending().stream().filter(p -> p.caseId() == one)).hasSize(2);
      for (Reminders.Pending p : due) {
        List<Boolean> results =
            together(() -> a.reminders().remind(p), () -> b.reminders().remind(p));
        assertThat(results).as("one replica records " + p).containsExactlyInAnyOrder(true, false);
      }
      assertThat(reminders(one)).isEqualTo(2);

      // 2. Two whole unlocked runs at the same moment.
      String erin = member("erin");
      people.add(erin);
      long two = newCase(NOW.minus(Duration.ofDays(8)), null, null);
      assign(two, erin);
      List<Integer> recorded =
          together(() -> a.reminders().sendDue(), () -> b.reminders().sendDue());
      assertThat(recorded.get(0) + recorded.get(1)).isEqualTo(1);
      assertThat(reminders(two)).isEqualTo(1);

      // 3. The locked job on both at once, while the lock is taken: neither runs.
      String fay = member("fay");
      people.add(fay);
      long three = newCase(NOW.minus(Duration.ofDays(8)), null, null);
      assign(three, fay);
      long runs = a.job().runs() + b.job().runs();
      together(() -> run(a), () -> run(b));
      assertThat(a.job().runs() + b.job().runs()).isEqualTo(runs);
      assertThat(reminders(three)).isZero();
    } finally {
      held.unlock();
    }
    // 4. Released: the locked job on both at once (the schedules join in too).
    String gil = member("gil");
    people.add(gil);
    long four = newCase(NOW.minus(Duration.ofDays(8)), null, null);
    assign(four, gil);
    together(() -> run(a), () -> run(b));
    await("the waiting reminders recorded", () -> remindersOf(people) == 5);
    await("5 reminder mails", () -> mails(people.toArray(String[]::new)) >= 5);
    long runsA = a.job().runs();
    long runsB = b.job().runs();
    await(
        "more runs on both replicas",
        () -> a.job().runs() >= runsA + 3 && b.job().runs() >= runsB + 3);
    for (String person : people) {
      assertThat(mails(person)).as(person).isEqualTo(1);
    }
    assertThat(remindersOf(people)).isEqualTo(5);
  }

  private static Boolean run(Replica r) {
    r.job().run();
    return true;
  }

  /** Runs both calls at the same moment (released together by a barrier); their results. */
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

  private static SimpleLock takeLock(LockProvider locks) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      var lock =
          locks.lock(
              new LockConfiguration(
                  Instant.now(), ReminderJob.LOCK, Duration.ofMinutes(2), Duration.ZERO));
      if (lock.isPresent()) {
        return lock.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the reminder lock stayed taken");
  }

  // ------------------------------------------------------------------ data

  private static String member(String name) {
    String username = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    jdbc.sql(
            "INSERT INTO member_account (username, display_name, email, enabled, created_at)"
                + " VALUES (?, ?, ?, TRUE, ?)")
        .params(username, name, username + "@replicas.test", utc(NOW))
        .update();
    return username;
  }

  private static long newCase(Instant reported, Instant contacted, java.time.LocalDate planned) {
    String ref = "REP-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    jdbc.sql(
            "INSERT INTO cna_case (reference, state, title, reported_at, maintainer_contacted_at,"
                + " planned_disclosure, created_at, updated_at) VALUES (?, ?, 'Secret', ?, ?, ?,"
                + " ?, ?)")
        .params(
            ref,
            contacted == null ? "TRIAGE" : "EMBARGO",
            utc(reported),
            contacted == null ? null : utc(contacted),
            planned,
            utc(reported),
            utc(reported))
        .update();
    return jdbc.sql("SELECT id FROM cna_case WHERE reference = ?")
        .param(ref)
        .query(Long.class)
        .single();
  }

  private static void assign(long caseId, String username) {
    jdbc.sql(
            "INSERT INTO case_assignee (case_id, member_id)"
                + " SELECT ?, id FROM member_account WHERE username = ?")
        .params(caseId, username)
        .update();
  }

  private static int reminders(long caseId) {
    return jdbc.sql("SELECT COUNT(*) FROM reminder WHERE case_id = ?")
        .param(caseId)
        .query(Integer.class)
        .single();
  }

  private static int remindersOf(List<String> usernames) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM reminder r JOIN member_account m ON m.id = r.member_id"
                + " WHERE m.username IN (:names)")
        .param("names", usernames)
        .query(Integer.class)
        .single();
  }

  private static int sentRemindersOf(List<String> usernames) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM reminder r JOIN outbox o ON o.id = r.outbox_id"
                + " JOIN member_account m ON m.id = r.member_id"
                + " WHERE o.status = 'SENT' AND m.username IN (:names)")
        .param("names", usernames)
        .query(Integer.class)
        .single();
  }

  private static long mails(String... usernames) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> Arrays.stream(usernames).anyMatch(u -> to(m).contains(u + "@replicas.test")))
        .count();
  }

  private static long distinctSubjects(String... usernames) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> Arrays.stream(usernames).anyMatch(u -> to(m).contains(u + "@replicas.test")))
        .map(m -> to(m) + " " + subject(m))
        .distinct()
        .count();
  }

  private static String to(MimeMessage m) {
    try {
      return Arrays.toString(m.getRecipients(Message.RecipientType.TO));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
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

  private static OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
