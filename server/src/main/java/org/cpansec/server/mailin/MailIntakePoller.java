package org.cpansec.server.mailin;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.cpansec.server.mailin.MailIntakeStore.Outcome;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the team mailbox over IMAP: every unread message of the configured folder is fetched
 * (without marking it read), taken in by {@link MailIntake} — which commits to the database — and
 * only then flagged {@code \Seen} and, when a processed folder is configured, moved there. A
 * message whose storing fails stays unread for the next poll; a message stored but not flagged (the
 * connection dropped) is recognised as a duplicate next time and flagged then. So {@link #poll()}
 * may run again at any time, or be wrapped in a lock, without losing or doubling mail.
 *
 * <p>The mailbox should belong to the platform: a message someone marks read in another client
 * before the poll is not taken in.
 */
@Component
public class MailIntakePoller {
  private static final Logger LOG = LoggerFactory.getLogger(MailIntakePoller.class);

  /** The name of the scheduled poll's row in the {@code shedlock} table. */
  public static final String LOCK = "cpansec-mail-intake";

  private final MailIntakeProperties config;
  private final MailIntake intake;
  private final Session session;
  private final AtomicLong scheduledRuns = new AtomicLong();

  public MailIntakePoller(MailIntakeProperties config, MailIntake intake) {
    this.config = config;
    this.intake = intake;
    this.session = Session.getInstance(sessionProperties(config));
  }

  /**
   * What one poll did.
   *
   * @param outcomes how many messages had each outcome
   * @param duplicates copies of messages already taken in, ignored
   * @param failed messages that could not be stored this time (left unread)
   * @param waiting unread messages left for the next poll (over {@code max-messages-per-poll})
   */
  public record PollResult(
      Map<Outcome, Integer> outcomes, int duplicates, int failed, int waiting) {
    public PollResult {
      outcomes = Map.copyOf(outcomes);
    }

    static PollResult nothing() {
      return new PollResult(Map.of(), 0, 0, 0);
    }

    public int count(Outcome o) {
      return outcomes.getOrDefault(o, 0);
    }

    public int total() {
      return outcomes.values().stream().mapToInt(Integer::intValue).sum() + duplicates + failed;
    }
  }

  public boolean enabled() {
    return config.enabled();
  }

  /**
   * The scheduled poll: off when intake is off; failures are logged and retried next time. Every
   * replica schedules it, but it runs on one at a time: only while it holds the ShedLock row
   * {@value #LOCK} (the scheduler lock the clocks package configures); a replica that finds the row
   * taken skips that run. Each message's unique key still keeps it taken in once.
   */
  @Scheduled(
      initialDelayString = "${cpansec.mail-intake.poll-interval:PT5M}",
      fixedDelayString = "${cpansec.mail-intake.poll-interval:PT5M}")
  @SchedulerLock(name = LOCK, lockAtMostFor = "PT30M")
  public void scheduledPoll() {
    if (!enabled()) {
      return;
    }
    try {
      poll();
    } catch (MessagingException | RuntimeException e) {
      LOG.warn(
          "mail intake: polling {} failed, next try in {}: {}",
          config.describe(),
          config.pollInterval(),
          e.toString());
    } finally {
      scheduledRuns.incrementAndGet();
    }
  }

  /** How many scheduled polls this replica ran while holding the lock (monitoring and tests). */
  public long scheduledRuns() {
    return scheduledRuns.get();
  }

  /**
   * One poll of the mailbox. Idempotent, and safe to call at any time (calls in this process run
   * one after the other; across processes, the database's unique key on the message keeps each
   * message taken in once).
   *
   * @throws MessagingException when the mailbox cannot be reached or read
   */
  public synchronized PollResult poll() throws MessagingException {
    if (!enabled()) {
      return PollResult.nothing();
    }
    Store store = session.getStore(config.protocol().storeName());
    store.connect(config.host(), config.effectivePort(), config.username(), config.password());
    try {
      Folder inbox = store.getFolder(config.folder());
      if (!inbox.exists()) {
        throw new FolderNotFoundException(inbox, "no folder " + config.folder() + " to poll");
      }
      Folder processed = processedFolder(store);
      inbox.open(Folder.READ_WRITE);
      List<Message> moved = new ArrayList<>();
      try {
        return pollOpen(inbox, processed, moved);
      } finally {
        closeExpunging(store, inbox, moved);
      }
    } finally {
      store.close();
    }
  }

  private PollResult pollOpen(Folder inbox, Folder processed, List<Message> moved)
      throws MessagingException {
    Message[] unread = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
    int n = Math.min(unread.length, config.maxMessagesPerPoll());
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    int duplicates = 0;
    int failed = 0;
    for (int i = 0; i < n; i++) {
      Message m = unread[i];
      MailIntake.Taken taken;
      try {
        byte[] raw = fetch(m);
        taken = intake.take(raw, received(m.getReceivedDate()));
      } catch (MessageRemovedException e) {
        continue;
      } catch (IOException | RuntimeException e) {
        failed++;
        LOG.error(
            "mail intake: message {} could not be stored; it stays unread for the next poll",
            m.getMessageNumber(),
            e);
        continue;
      }
      // Stored and committed: only now is the message marked in the mailbox.
      m.setFlag(Flags.Flag.SEEN, true);
      if (processed != null) {
        inbox.copyMessages(new Message[] {m}, processed);
        m.setFlag(Flags.Flag.DELETED, true);
        moved.add(m);
      }
      if (taken.duplicate()) {
        duplicates++;
      } else {
        outcomes.merge(taken.outcome(), 1, Integer::sum);
      }
    }
    PollResult result = new PollResult(outcomes, duplicates, failed, unread.length - n);
    if (result.total() > 0) {
      LOG.info(
          "mail intake: {} message(s): {}, {} duplicate(s), {} failed, {} waiting",
          n,
          outcomes,
          duplicates,
          failed,
          result.waiting());
    }
    return result;
  }

  /** The raw message as the server has it, fetched with PEEK so that it is not marked read. */
  private static byte[] fetch(Message m) throws MessagingException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(m.getSize(), 1024));
    m.writeTo(out);
    return out.toByteArray();
  }

  private Folder processedFolder(Store store) throws MessagingException {
    if (config.processedFolder() == null) {
      return null;
    }
    Folder f = store.getFolder(config.processedFolder());
    if (!f.exists() && !f.create(Folder.HOLDS_MESSAGES)) {
      throw new MessagingException("cannot create the folder " + config.processedFolder());
    }
    return f;
  }

  /**
   * Removes the moved messages from the polled folder: only those (UID EXPUNGE) when the server
   * can, otherwise by expunging the folder on close.
   */
  private static void closeExpunging(Store store, Folder inbox, List<Message> moved)
      throws MessagingException {
    if (!inbox.isOpen()) {
      return;
    }
    if (moved.isEmpty()) {
      inbox.close(false);
      return;
    }
    if (inbox instanceof IMAPFolder f
        && store instanceof IMAPStore s
        && s.hasCapability("UIDPLUS")) {
      f.expunge(moved.toArray(Message[]::new));
      inbox.close(false);
    } else {
      inbox.close(true);
    }
  }

  private static OffsetDateTime received(Date date) {
    return date == null ? null : OffsetDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
  }

  static Properties sessionProperties(MailIntakeProperties config) {
    String p = config.protocol().storeName();
    String timeout = Long.toString(config.timeout().toMillis());
    Properties props = new Properties();
    props.setProperty("mail.store.protocol", p);
    props.setProperty("mail." + p + ".connectiontimeout", timeout);
    props.setProperty("mail." + p + ".timeout", timeout);
    props.setProperty("mail." + p + ".writetimeout", timeout);
    // Reading a message must not mark it read: that happens only after it is stored.
    props.setProperty("mail." + p + ".peek", "true");
    if (config.protocol() == MailIntakeProperties.Protocol.IMAPS) {
      props.setProperty("mail.imaps.ssl.checkserveridentity", "true");
    }
    props.putAll(config.properties());
    return props;
  }

  @EventListener(ApplicationReadyEvent.class)
  void logState() {
    if (enabled()) {
      LOG.info(
          "Mail intake is on: polling {} every {}{}",
          config.describe(),
          config.pollInterval(),
          config.processedFolder() == null
              ? "; messages taken in are flagged \\Seen"
              : "; messages taken in are flagged \\Seen and moved to " + config.processedFolder());
    } else {
      LOG.info(
          "Mail intake is off (cpansec.mail-intake.enabled is not true): reports come through"
              + " the web forms only");
    }
  }
}
