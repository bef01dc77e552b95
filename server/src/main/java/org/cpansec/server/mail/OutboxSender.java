package org.cpansec.server.mail;

import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.cpansec.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox over SMTP. Fresh mail is sent right after the transaction that queued it has
 * committed, on a background thread so nobody waits for SMTP; whatever fails is retried by the
 * scheduled {@link #retryDue()} with exponential back-off. Each row is sent at most once: only the
 * sender that claimed it sends it.
 *
 * <p>Before sending, the row's recipients are looked up in {@link RecipientKeys}: those with a key
 * get one PGP/MIME message encrypted to all their keys, the others one plain message (the same
 * headers for both). A mail of a sensitive case ({@code cna_case.sensitive}) goes out only
 * encrypted, to everyone, or not at all: it is marked REFUSED with the addresses lacking a key.
 * With DKIM configured, every message is signed.
 */
@Component
public class OutboxSender {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

  /** The name of the scheduled retry's row in the {@code shedlock} table. */
  public static final String LOCK = "cpansec-outbox";

  private static final int BATCH = 100;
  static final String ENCRYPTED = "pgp";
  static final String PLAIN = "plain";

  private final Outbox outbox;
  private final JavaMailSender smtp;
  private final ServerProperties.Mail config;
  private final TaskExecutor background;
  private final RecipientKeys keys;
  private final SensitiveCases sensitive;
  private final DkimSigner dkim;
  private final Clock clock;

  @Autowired
  public OutboxSender(
      Outbox outbox,
      ObjectProvider<JavaMailSender> smtp,
      ServerProperties properties,
      @Qualifier("applicationTaskExecutor") TaskExecutor background,
      RecipientKeys keys,
      SensitiveCases sensitive,
      DkimProperties dkim,
      Clock clock) {
    // Spring Boot defines a JavaMailSender only when spring.mail.host is set.
    this(
        outbox,
        smtp.getIfAvailable(),
        properties.mail(),
        background,
        keys,
        sensitive,
        dkim.enabled() ? DkimSigner.load(dkim, clock) : null,
        clock);
  }

  /** A sender from its parts (a second sender on another connection pool, in tests). */
  OutboxSender(
      Outbox outbox,
      JavaMailSender smtp,
      ServerProperties.Mail config,
      TaskExecutor background,
      RecipientKeys keys,
      SensitiveCases sensitive,
      DkimSigner dkim,
      Clock clock) {
    this.outbox = outbox;
    this.smtp = smtp;
    this.config = config;
    this.background = background;
    this.keys = keys;
    this.sensitive = sensitive;
    this.dkim = dkim;
    this.clock = clock;
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

  /**
   * The scheduled retry, every {@code cpansec.mail.poll-interval} on every replica, but on one
   * replica at a time: it runs only while it holds the ShedLock row {@value #LOCK} (the scheduler
   * lock the clocks package configures). The lock saves work; what keeps a row from being sent
   * twice is still its claim.
   */
  @Scheduled(
      initialDelayString = "${cpansec.mail.poll-interval:PT1M}",
      fixedDelayString = "${cpansec.mail.poll-interval:PT1M}")
  @SchedulerLock(name = LOCK, lockAtMostFor = "PT15M")
  public void scheduledRetry() {
    retryDue();
  }

  /** Sends every queued row whose back-off has elapsed (unlocked: rows are claimed one by one). */
  public void retryDue() {
    if (enabled()) {
      outbox.due(BATCH).forEach(this::sendOne);
    }
  }

  /** One delivery of a row: its name, envelope recipients and the keys to encrypt to (if any). */
  private record Delivery(String name, List<String> envelope, List<PGPPublicKey> encryptTo) {}

  /** Claims the row, sends it, and records the outcome; false when not sent now. */
  boolean sendOne(long id) {
    var claimed = outbox.claim(id);
    if (claimed.isEmpty()) {
      return false;
    }
    Outbox.Row row = claimed.get();
    Set<String> done = new LinkedHashSet<>(row.sentParts());
    try {
      List<Delivery> deliveries = plan(row);
      for (Delivery d : deliveries) {
        if (done.contains(d.name())) {
          continue;
        }
        smtp.send(
            OutgoingMessage.build(
                config.from(),
                row,
                messageId(row, d.name()),
                Date.from(clock.instant()),
                d.envelope(),
                d.encryptTo(),
                dkim));
        done.add(d.name());
        if (deliveries.size() > 1) {
          outbox.markPartSent(id, done);
        }
      }
    } catch (PgpException e) {
      // Not a passing failure: sending again would not help until a key is added.
      outbox.markRefused(id, e.getMessage());
      LOG.warn("mail {} refused: {}", id, e.getMessage());
      return false;
    } catch (RuntimeException | MessagingException e) {
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
    LOG.info("mail {} sent ({})", id, String.join(", ", done));
    return true;
  }

  /**
   * Who gets which message: with a sensitive case, everyone encrypted or nobody (PgpException with
   * the reason); otherwise the recipients with a key encrypted, the rest in plain text.
   */
  private List<Delivery> plan(Outbox.Row row) {
    List<String> everyone = new ArrayList<>(row.to());
    everyone.addAll(row.cc());
    Map<String, PGPPublicKey> usable = keys.usableKeys(everyone);
    List<String> withKey = everyone.stream().filter(usable::containsKey).toList();
    List<String> without = everyone.stream().filter(a -> !usable.containsKey(a)).toList();
    if (row.caseId() != null && sensitive.isSensitive(row.caseId()) && !without.isEmpty()) {
      throw new PgpException(refusal(without));
    }
    List<Delivery> deliveries = new ArrayList<>();
    if (!withKey.isEmpty()) {
      deliveries.add(new Delivery(ENCRYPTED, withKey, withKey.stream().map(usable::get).toList()));
    }
    if (!without.isEmpty()) {
      deliveries.add(new Delivery(PLAIN, without, List.of()));
    }
    return deliveries;
  }

  /** The reason a sensitive case's mail is not sent. */
  static String refusal(List<String> withoutKey) {
    return "sensitive case: its mail is only sent encrypted, and "
        + (withoutKey.size() == 1 ? "this recipient has" : "these recipients have")
        + " no usable OpenPGP key: "
        + String.join(", ", withoutKey);
  }

  /**
   * A Message-ID stable across retries of the same delivery: the row id, the delivery, and a digest
   * of the content (so a database reset never reuses one for a different mail).
   */
  private String messageId(Outbox.Row row, String delivery) {
    String from = config.from();
    String domain = from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (row.subject() + "\n" + row.body() + "\n" + row.to() + row.cc())
                      .getBytes(StandardCharsets.UTF_8));
      String tag = HexFormat.of().formatHex(digest, 0, 8);
      return "<cpansec." + row.id() + "." + delivery + "." + tag + "@" + domain + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
          "Mail is on: from {}, team {}; DKIM {}; {} queued mail(s) will be sent",
          config.from(),
          config.teamAddress(),
          dkim == null ? "off" : "on",
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
