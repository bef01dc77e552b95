package org.cpansec.server.mail;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cpansec.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a mail from its template: renders the current version of the purpose's template with the
 * given values, records the mail in the outbox (in the caller's transaction, if any) and, once that
 * has committed, has it sent.
 *
 * <p>Idempotent: the {@code key} (for example {@code case:42:MAINTAINER_CONTACT:maint@example.org})
 * is unique in the outbox, so sending with a key already used returns the mail recorded the first
 * time and sends nothing new, whatever its state — queued, sent or failed. The exception is a mail
 * that was REFUSED (a sensitive case, a recipient without a key): when the reason is gone, the same
 * key puts that mail back in the queue; it was never sent, so it is still sent at most once.
 *
 * <p>Purposes that copy the team ({@link MailPurpose#copiesTeam()}) get {@code
 * cpansec.mail.team-address} added to Cc. There is no Bcc.
 */
@Service
public class MailService {
  private static final Logger LOG = LoggerFactory.getLogger(MailService.class);
  private static final int MAX_KEY = 500;

  private final MailTemplates templates;
  private final Outbox outbox;
  private final OutboxSender sender;
  private final RecipientKeys keys;
  private final SensitiveCases cases;
  private final String team;
  private final TransactionTemplate savepoint;

  public MailService(
      MailTemplates templates,
      Outbox outbox,
      OutboxSender sender,
      RecipientKeys keys,
      SensitiveCases cases,
      ServerProperties properties,
      PlatformTransactionManager transactions) {
    this.templates = templates;
    this.outbox = outbox;
    this.sender = sender;
    this.keys = keys;
    this.cases = cases;
    this.team = properties.mail().teamAddress();
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * What became of a send: the outbox row, whether this call created it (false: the key was used
   * before), its status (QUEUED, SENDING, SENT, REFUSED) and, when refused, why.
   */
  public record Queued(long id, boolean created, String status, String refusal) {}

  /**
   * Sends a mail about a case (or about nothing, with {@code caseId} null).
   *
   * @param values a value for every placeholder of the purpose (see {@link
   *     MailPurpose#placeholders()})
   * @param key the idempotency key; the same key never sends twice
   * @throws MailTemplateException when a value the template needs is missing, or does not fit
   * @throws IllegalArgumentException for a malformed address or key, or an unknown case
   */
  public Queued send(
      MailPurpose purpose,
      Long caseId,
      Recipients recipients,
      Map<String, String> values,
      String key) {
    if (caseId != null && !cases.exists(caseId)) {
      throw new IllegalArgumentException("no case with id " + caseId);
    }
    return queue(purpose, caseId, null, recipients, values, key);
  }

  /** Sends a mail about an intake report (receipt, team notice, PAUSE forward). */
  public Queued sendForReport(
      MailPurpose purpose,
      long reportId,
      Recipients recipients,
      Map<String, String> values,
      String key) {
    return queue(purpose, null, reportId, recipients, values, key);
  }

  /** Every mail of a case, oldest first, as the case's page lists them (no bodies). */
  public List<Outbox.Summary> mailsOfCase(long caseId) {
    return outbox.forCase(caseId);
  }

  private Queued queue(
      MailPurpose purpose,
      Long caseId,
      Long reportId,
      Recipients recipients,
      Map<String, String> values,
      String key) {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(recipients, "recipients");
    Objects.requireNonNull(values, "values");
    checkKey(key);
    Recipients to = purpose.copiesTeam() ? recipients.withCc(team) : recipients;
    var existing = outbox.byKey(key);
    if (existing.isPresent()) {
      return again(existing.get());
    }
    RenderedMail mail = templates.render(purpose, values);
    String refusal = refusal(caseId, to.all());
    Outbox.NewMail row =
        new Outbox.NewMail(
            purpose,
            caseId,
            reportId,
            to,
            mail.subject(),
            mail.body(),
            mail.version(),
            key,
            refusal);
    long id;
    try {
      // A savepoint: a concurrent insert of the same key must not spoil the caller's transaction.
      id = savepoint.execute(s -> outbox.insert(row));
    } catch (DuplicateKeyException e) {
      return again(outbox.byKey(key).orElseThrow(() -> e));
    }
    if (refusal != null) {
      LOG.warn("mail {} ({}) refused: {}", id, purpose, refusal);
      return new Queued(id, true, "REFUSED", refusal);
    }
    afterCommit(id);
    return new Queued(id, true, "QUEUED", null);
  }

  /** The key was used before: the same mail; a refused one is queued when no longer refused. */
  private Queued again(Outbox.Summary s) {
    if ("REFUSED".equals(s.status())) {
      List<String> everyone = new java.util.ArrayList<>(s.to());
      everyone.addAll(s.cc());
      if (refusal(s.caseId(), everyone) == null && outbox.requeueRefused(s.id())) {
        afterCommit(s.id());
        return new Queued(s.id(), false, "QUEUED", null);
      }
    }
    return new Queued(s.id(), false, s.status(), s.lastError());
  }

  /** Why this mail must not be sent now; null when it may. */
  private String refusal(Long caseId, List<String> recipients) {
    if (caseId == null || !cases.isSensitive(caseId)) {
      return null;
    }
    var usable = keys.usableKeys(recipients);
    List<String> without = recipients.stream().filter(a -> !usable.containsKey(a)).toList();
    return without.isEmpty() ? null : OutboxSender.refusal(without);
  }

  private void afterCommit(long id) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              sender.sendSoon(List.of(id));
            }
          });
    } else {
      sender.sendSoon(List.of(id));
    }
  }

  private static void checkKey(String key) {
    if (key == null || key.isBlank() || key.length() > MAX_KEY) {
      throw new IllegalArgumentException(
          "an idempotency key of 1 to " + MAX_KEY + " characters is required");
    }
    if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("the idempotency key must be one line of text");
    }
  }
}
