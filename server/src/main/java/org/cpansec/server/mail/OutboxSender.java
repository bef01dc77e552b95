package org.cpansec.server.mail;

import java.time.Duration;
import java.util.List;
import org.cpansec.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox over SMTP. Fresh mail is sent right after the request that queued it has
 * committed, on a background thread so the reporter never waits for SMTP; whatever fails is retried
 * by the scheduled {@link #retryDue()} with exponential back-off. Each row is sent at most once:
 * only the sender that claimed it sends it.
 */
@Component
public class OutboxSender {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
  private static final int BATCH = 100;

  private final Outbox outbox;
  private final JavaMailSender smtp;
  private final ServerProperties.Mail config;
  private final TaskExecutor background;

  public OutboxSender(
      Outbox outbox,
      ObjectProvider<JavaMailSender> smtp,
      ServerProperties properties,
      @Qualifier("applicationTaskExecutor") TaskExecutor background) {
    this.outbox = outbox;
    // Spring Boot defines a JavaMailSender only when spring.mail.host is set.
    this.smtp = smtp.getIfAvailable();
    this.config = properties.mail();
    this.background = background;
  }

  public boolean enabled() {
    return smtp != null;
  }

  /** Sends these freshly queued rows in the background; without SMTP they stay queued. */
  public void sendSoon(List<Long> ids) {
    if (enabled() && !ids.isEmpty()) {
      background.execute(() -> ids.forEach(this::sendOne));
    }
  }

  /** Sends every queued row whose back-off has elapsed. */
  @Scheduled(
      initialDelayString = "${cpansec.mail.poll-interval:PT1M}",
      fixedDelayString = "${cpansec.mail.poll-interval:PT1M}")
  public void retryDue() {
    if (enabled()) {
      outbox.due(BATCH).forEach(this::sendOne);
    }
  }

  /** Claims the row, sends it, and records the outcome; false when not sent now. */
  boolean sendOne(long id) {
    var claimed = outbox.claim(id);
    if (claimed.isEmpty()) {
      return false;
    }
    Outbox.Row row = claimed.get();
    try {
      SimpleMailMessage m = new SimpleMailMessage();
      m.setFrom(config.from());
      m.setTo(row.recipient());
      m.setSubject(row.subject());
      m.setText(row.body());
      smtp.send(m);
    } catch (RuntimeException e) {
      // Recorded on the row and logged; the row waits for the next attempt.
      Duration wait = backOff(row.attempts() + 1);
      outbox.markFailed(id, describe(e), wait);
      LOG.warn(
          "mail {} to {} not sent (attempt {}), retry in {}: {}",
          id,
          row.recipient(),
          row.attempts() + 1,
          wait,
          describe(e));
      return false;
    }
    outbox.markSent(id);
    LOG.info("mail {} sent: {}", id, row.subject());
    return true;
  }

  /** {@code retryFirst} after the first failure, doubling, at most {@code retryMax}. */
  Duration backOff(int failures) {
    Duration wait = config.retryFirst();
    for (int i = 1; i < failures && wait.compareTo(config.retryMax()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(config.retryMax()) > 0 ? config.retryMax() : wait;
  }

  private static String describe(Throwable e) {
    StringBuilder s = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      s.append("; caused by ").append(c.getClass().getSimpleName()).append(": ");
      s.append(c.getMessage());
    }
    return s.toString();
  }

  @EventListener(ApplicationReadyEvent.class)
  void logState() {
    int queued = outbox.count("QUEUED");
    if (enabled()) {
      LOG.info(
          "Mail is on: from {}, team {}; {} queued mail(s) will be sent",
          config.from(),
          config.teamAddress(),
          queued);
    } else {
      LOG.info(
          "Mail is off (spring.mail.host is not set): reports are stored as usual and {} queued"
              + " mail(s) wait in the outbox until SMTP is configured",
          queued);
    }
    int stuck = outbox.count("SENDING");
    if (stuck > 0) {
      LOG.warn(
          "{} outbox row(s) were being sent when the server stopped; they are not resent"
              + " automatically (at most once): check table outbox, status SENDING",
          stuck);
    }
  }
}
