package org.cpansec.server.clocks;

import java.util.concurrent.atomic.AtomicLong;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs {@link Reminders#sendDue()} on a schedule, on every replica, but on one at a time: the
 * ShedLock row {@code cpansec-reminders} in the database is taken for the run (a replica that finds
 * it taken skips that run). The lock is not what makes a reminder once-only — the unique reminder
 * row is — but it keeps replicas from doing the same work twice.
 */
@Component
public class ReminderJob {
  /** The name of the job's row in the {@code shedlock} table. */
  public static final String LOCK = "cpansec-reminders";

  private final Reminders reminders;
  private final boolean enabled;
  private final AtomicLong runs = new AtomicLong();

  public ReminderJob(Reminders reminders, ClocksProperties properties) {
    this.reminders = reminders;
    this.enabled = properties.reminders().enabled();
  }

  /** One run, while holding the lock; returns how many reminders it queued. */
  @Scheduled(
      initialDelayString = "${cpansec.clocks.reminders.initial-delay:PT1M}",
      fixedDelayString = "${cpansec.clocks.reminders.interval:PT15M}")
  @SchedulerLock(
      name = LOCK,
      lockAtMostFor = "${cpansec.clocks.reminders.lock-at-most-for:PT10M}",
      lockAtLeastFor = "${cpansec.clocks.reminders.lock-at-least-for:PT0S}")
  public void run() {
    if (!enabled) {
      return;
    }
    try {
      reminders.sendDue();
    } finally {
      runs.incrementAndGet();
    }
  }

  /** How many runs this replica completed while holding the lock (for monitoring and tests). */
  public long runs() {
    return runs.get();
  }
}
