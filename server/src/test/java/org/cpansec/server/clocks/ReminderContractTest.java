package org.cpansec.server.clocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.cpansec.server.account.Member;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reminders on a real database with a real SMTP server (GreenMail): one mail per case, deadline and
 * assignee, however often the job runs and even when two callers record the same reminder at the
 * same moment; the job runs only while it holds the ShedLock row. Run once per database.
 */
abstract class ReminderContractTest extends ClockTestBase {
  @Autowired Reminders reminders;
  @Autowired ReminderJob job;
  @Autowired DisclosureClock clocks;
  @Autowired LockProvider locks;

  GreenMail smtp;

  @BeforeEach
  void start() {
    clock.set(START);
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  @Test
  void eachReminderIsMailedOnceToEachAssigneeNamingOnlyTheCaseTheDeadlineAndItsDate()
      throws Exception {
    Member ann = cna("Ann");
    Member bob = cna("Bob");
    Member gone = cna("Gone");
    jdbc.sql("UPDATE member_account SET enabled = FALSE WHERE id = ?").param(gone.id()).update();
    // a: reported 1 March, contact due 8 March 10:00 Berlin.
    long a = newCase("TRIAGE", START);
    assign(a, ann);
    assign(a, bob);
    assign(a, gone);
    // b: contacted 1 March, planned 15 March (due at midnight Berlin, 14 March 23:00 UTC).
    long b = newCase("MAINTAINER_CONTACTED", START);
    assign(b, ann);
    clocks.recordContact(cna("Carl"), b, START);
    // later: contact due 19 March, beyond the one-day lead time.
    long later = newCase("TRIAGE", at("2090-03-12T09:00:00Z"));
    assign(later, ann);
    // An unassigned overdue case reminds nobody.
    long nobodys = newCase("TRIAGE", START);

    clock.set(at("2090-03-14T00:00:00Z"));
    reminders.sendDue();
    reminders.sendDue();
    job.run();
    awaitSent(List.of(a, b), 3);

    assertThat(reminderRows(a)).isEqualTo(2);
    assertThat(reminderRows(b)).isEqualTo(1);
    assertThat(reminderRows(later)).isZero();
    assertThat(reminderRows(nobodys)).isZero();
    assertThat(to(gone)).isEmpty();
    assertThat(to(bob))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getSubject())
                  .isEqualTo(
                      reminder(ref(a), "contact the maintainer", "2090-03-08 10:00 CET (overdue)"));
              assertThat(GreenMailUtil.getBody(m))
                  .contains(
                      "Hello Bob,",
                      "on case "
                          + ref(a)
                          + ", assigned to you: contact the maintainer, due 2090-03-08 10:00 CET"
                          + " (overdue).",
                      "https://cpansec.test/cna/cases/" + ref(a) + "/clock")
                  .doesNotContain("Secret title", "Embargoed-Dist", "remote code execution");
            });
    List<String> annSubjects = to(ann).stream().map(ReminderContractTest::subject).toList();
    assertThat(annSubjects)
        .containsExactlyInAnyOrder(
            reminder(ref(a), "contact the maintainer", "2090-03-08 10:00 CET (overdue)"),
            reminder(ref(b), "publish (planned disclosure date)", "2090-03-15 00:00 CET"));
    MimeMessage planned =
        to(ann).stream().filter(m -> subject(m).contains(ref(b))).findFirst().orElseThrow();
    assertThat(GreenMailUtil.getBody(planned))
        .contains(
            "on case "
                + ref(b)
                + ", assigned to you: publish (planned disclosure date), due 2090-03-15 00:00 CET.")
        .doesNotContain("Secret title", "Embargoed-Dist");
    // Each reminder's mail is the REMINDER template's, with the reminder's own key, on the case;
    // each is in the audit log as the system's doing.
    assertThat(
            jdbc.sql(
                    "SELECT o.purpose || ' ' || o.idempotency_key FROM reminder r"
                        + " JOIN outbox o ON o.id = r.outbox_id WHERE r.case_id = ?"
                        + " AND o.case_id = r.case_id ORDER BY r.id")
                .param(b)
                .query(String.class)
                .list())
        .singleElement()
        .asString()
        .matches("REMINDER reminder:\\d+");
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM audit_log WHERE case_id = ? AND actor = 'system'"
                        + " AND action = 'clock.reminder'")
                .param(a)
                .query(Integer.class)
                .single())
        .isEqualTo(2);

    // Later runs, a day later: the same deadlines, no new reminder.
    clock.set(at("2090-03-14T12:00:00Z"));
    reminders.sendDue();
    job.run();
    assertThat(reminderRows(a)).isEqualTo(2);
    assertThat(reminderRows(b)).isEqualTo(1);

    // A granted extension is a new deadline: reminded again when it comes near.
    clocks.requestExtension(ann, b, date("2090-03-29"), "Fix in review", "maintainer");
    clocks.decideExtension(
        ann, b, clocks.view(b).orElseThrow().extensions().get(0).id(), true, "ok", null);
    reminders.sendDue();
    assertThat(reminderRows(b)).as("not yet within the lead time").isEqualTo(1);
    clock.set(at("2090-03-28T00:00:00Z"));
    reminders.sendDue();
    reminders.sendDue();
    // Now "later" is overdue too.
    awaitSent(List.of(a, b, later), 5);
    assertThat(reminderRows(b)).isEqualTo(2);
    assertThat(reminderRows(later)).isEqualTo(1);
    assertThat(to(ann).stream().map(ReminderContractTest::subject))
        .containsExactlyInAnyOrder(
            reminder(ref(a), "contact the maintainer", "2090-03-08 10:00 CET (overdue)"),
            reminder(ref(b), "publish (planned disclosure date)", "2090-03-15 00:00 CET"),
            reminder(ref(b), "publish (planned disclosure date)", "2090-03-29 00:00 CEST"),
            reminder(ref(later), "contact the maintainer", "2090-03-19 10:00 CET (overdue)"));
    assertThat(to(bob)).hasSize(1);
  }

  @Test
  void twoCallersRecordingTheSameReminderAtTheSameMomentSendOneMail() throws Exception {
    Member ann = cna("Anna");
    long c = newCase("TRIAGE", START);
    assign(c, ann);
    clock.set(at("2090-03-09T00:00:00Z"));
    Reminders.Pending p =
        reminders.pending().stream().filter(x -> x.caseId() == c).findFirst().orElseThrow();
    assertThat(p.kind()).isEqualTo(DeadlineKind.MAINTAINER_CONTACT);
    assertThat(p.overdue()).isTrue();
    assertThat(p.memberId()).isEqualTo(ann.id());

    int threads = 4;
    CyclicBarrier together = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Boolean>> results = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  together.await();
                  return reminders.remind(p);
                }));
      }
      int recorded = 0;
      for (Future<Boolean> f : results) {
        recorded += f.get() ? 1 : 0;
      }
      assertThat(recorded).as("exactly one caller records it").isEqualTo(1);
    } finally {
      pool.shutdown();
    }
    assertThat(reminders.remind(p)).as("and nobody after").isFalse();
    awaitSent(List.of(c), 1);
    assertThat(reminderRows(c)).isEqualTo(1);
    assertThat(to(ann)).hasSize(1);
    assertThat(reminders.pending()).noneMatch(x -> x.caseId() == c);
  }

  @Test
  void anUnusableAddressDoesNotStopTheOtherReminders() throws Exception {
    Member good = cna("Gina");
    Member bad = cna("Bert");
    jdbc.sql("UPDATE member_account SET email = ? WHERE id = ?")
        .params("bert@clocks.test, eve@clocks.test", bad.id())
        .update();
    long c = newCase("TRIAGE", START);
    assign(c, bad);
    assign(c, good);
    clock.set(at("2090-03-09T00:00:00Z"));
    reminders.sendDue();
    awaitSent(List.of(c), 1);
    assertThat(to(good)).hasSize(1);
    assertThat(
            jdbc.sql("SELECT member_id FROM reminder WHERE case_id = ?")
                .param(c)
                .query(Long.class)
                .list())
        .containsExactly(good.id());
    // Still pending: tried again on the next run (the address may be corrected meanwhile).
    assertThat(reminders.pending()).anyMatch(p -> p.caseId() == c && p.memberId() == bad.id());
  }

  @Test
  void aSensitiveCasesReminderWithoutAKeyIsRecordedOnceAndRefusedNotSent() throws Exception {
    Member ann = cna("Sena");
    long c = newCase("TRIAGE", START);
    jdbc.sql("UPDATE cna_case SET sensitive = TRUE WHERE id = ?").param(c).update();
    assign(c, ann);
    clock.set(at("2090-03-09T00:00:00Z"));
    reminders.sendDue();
    reminders.sendDue();
    assertThat(reminderRows(c)).isEqualTo(1);
    assertThat(
            jdbc.sql(
                    "SELECT o.status FROM reminder r JOIN outbox o ON o.id = r.outbox_id"
                        + " WHERE r.case_id = ?")
                .param(c)
                .query(String.class)
                .single())
        .isEqualTo("REFUSED");
    assertThat(reminders.pending()).noneMatch(p -> p.caseId() == c);
    assertThat(to(ann)).isEmpty();
  }

  @Test
  void theJobRunsOnlyWhileItHoldsTheDatabaseLock() throws Exception {
    Member ann = cna("Annie");
    long c = newCase("TRIAGE", START);
    assign(c, ann);
    clock.set(at("2090-03-09T00:00:00Z"));
    // Someone else (another replica) holds the job's lock: this replica's run is skipped.
    SimpleLock held = takeLock();
    long runs = job.runs();
    try {
      job.run();
      assertThat(job.runs()).isEqualTo(runs);
      assertThat(reminderRows(c)).isZero();
    } finally {
      held.unlock();
    }
    // Released: the run happens (unless another test server's job holds it right now: retry).
    for (int i = 0; i < 100 && job.runs() == runs; i++) {
      job.run();
      if (job.runs() == runs) {
        Thread.sleep(50);
      }
    }
    assertThat(job.runs()).isEqualTo(runs + 1);
    awaitSent(List.of(c), 1);
    assertThat(reminderRows(c)).isEqualTo(1);
    assertThat(lockedBy()).isNotBlank();
  }

  /** The subject of a reminder mail, as the shipped REMINDER template makes it. */
  private static String reminder(String reference, String task, String due) {
    return "Reminder: " + reference + ": " + task + " by " + due;
  }

  private SimpleLock takeLock() throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      Optional<SimpleLock> lock =
          locks.lock(
              new LockConfiguration(
                  Instant.now(), ReminderJob.LOCK, Duration.ofMinutes(1), Duration.ZERO));
      if (lock.isPresent()) {
        return lock.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the reminder lock stayed taken");
  }

  private String lockedBy() {
    return jdbc.sql("SELECT locked_by FROM shedlock WHERE name = ?")
        .param(ReminderJob.LOCK)
        .query(String.class)
        .single();
  }

  private int reminderRows(long caseId) {
    return jdbc.sql("SELECT COUNT(*) FROM reminder WHERE case_id = ?")
        .param(caseId)
        .query(Integer.class)
        .single();
  }

  /** Waits until the reminders of these cases are sent by the outbox (all of them, this many). */
  private void awaitSent(List<Long> cases, int expected) throws InterruptedException {
    for (int i = 0; i < 200 && sent(cases) < expected; i++) {
      Thread.sleep(50);
    }
    assertThat(sent(cases)).isEqualTo(expected);
  }

  private int sent(List<Long> cases) {
    int n = 0;
    for (long c : cases) {
      n +=
          jdbc.sql(
                  "SELECT COUNT(*) FROM reminder r JOIN outbox o ON o.id = r.outbox_id"
                      + " WHERE r.case_id = ? AND o.status = 'SENT'")
              .param(c)
              .query(Integer.class)
              .single();
    }
    return n;
  }

  private List<MimeMessage> to(Member m) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(x -> recipients(x).contains(m.email()))
        .toList();
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String recipients(MimeMessage m) {
    try {
      return Arrays.toString(m.getRecipients(Message.RecipientType.TO));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
