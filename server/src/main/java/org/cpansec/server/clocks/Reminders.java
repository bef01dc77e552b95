package org.cpansec.server.clocks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.cpansec.server.ServerProperties;
import org.cpansec.server.audit.AuditLog;
import org.cpansec.server.mail.MailPurpose;
import org.cpansec.server.mail.MailService;
import org.cpansec.server.mail.Recipients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds assignees of their cases' deadlines: one mail per case, deadline kind, due instant and
 * assignee, sent {@code lead-time} before the due instant (or as soon as it is found, when later).
 * A reminder is recorded in the {@code reminder} table, whose unique key makes it once-only
 * whatever runs it (two replicas at the same moment included), in the same transaction that queues
 * its mail through {@link MailService} (template {@link MailPurpose#REMINDER}, idempotency key
 * {@code reminder:<reminder id>}) and appends a {@code clock.reminder} entry to the audit log
 * (actor {@code system}); the outbox then sends each queued mail once. A deadline that moves (a
 * granted extension, a new coordinated date) is a new deadline and gets its own reminder.
 *
 * <p>Mails go to the assignees' {@code member_account.email} (enabled accounts only) and name only
 * the case reference, the task and its date: no embargoed detail travels by mail. A sensitive
 * case's reminder, like all its mail, goes out encrypted or not at all (MailService refuses it
 * while the assignee has no OpenPGP key; the reminder stays recorded with that refused mail).
 */
@Service
public class Reminders {
  private static final Logger LOG = LoggerFactory.getLogger(Reminders.class);

  private final JdbcClient jdbc;
  private final Deadlines deadlines;
  private final ClockRules rules;
  private final ClocksProperties.Reminders config;
  private final MailService mail;
  private final AuditLog audit;
  private final Clock clock;
  private final String site;
  private final TransactionTemplate tx;

  public Reminders(
      JdbcClient jdbc,
      Deadlines deadlines,
      ClockRules rules,
      ClocksProperties properties,
      MailService mail,
      AuditLog audit,
      Clock clock,
      ServerProperties server,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.deadlines = deadlines;
    this.rules = rules;
    this.config = properties.reminders();
    this.mail = mail;
    this.audit = audit;
    this.clock = clock;
    this.site = server.site().baseUrl().toString().replaceAll("/+$", "");
    this.tx = new TransactionTemplate(transactions);
    this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** A reminder that is due and not yet recorded. */
  public record Pending(
      long caseId,
      String caseReference,
      DeadlineKind kind,
      Instant dueAt,
      boolean overdue,
      long memberId,
      String email,
      String name) {}

  /** The reminders due now (within the lead time of their deadline) and not yet recorded. */
  public List<Pending> pending() {
    Instant now = clock.instant();
    List<Deadlines.Deadline> due =
        deadlines.open().stream()
            .filter(d -> !now.isBefore(d.dueAt().minus(config.leadTime())))
            .toList();
    if (due.isEmpty()) {
      return List.of();
    }
    Set<Long> caseIds = due.stream().map(Deadlines.Deadline::caseId).collect(Collectors.toSet());
    Map<Long, List<Assignee>> assignees =
        jdbc
            .sql(
                "SELECT a.case_id, m.id, m.email, m.display_name FROM case_assignee a"
                    + " JOIN member_account m ON m.id = a.member_id"
                    + " WHERE m.enabled = TRUE AND a.case_id IN (:ids) ORDER BY m.id")
            .param("ids", caseIds)
            .query(
                (rs, n) ->
                    new Assignee(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
            .list()
            .stream()
            .collect(Collectors.groupingBy(Assignee::caseId));
    Set<String> done = new HashSet<>();
    jdbc.sql("SELECT case_id, kind, due_at, member_id FROM reminder WHERE case_id IN (:ids)")
        .param("ids", caseIds)
        .query(
            (rs, n) ->
                key(rs.getLong(1), rs.getString(2), ClockStore.instant(rs, 3), rs.getLong(4)))
        .list()
        .forEach(done::add);
    List<Pending> out = new ArrayList<>();
    for (Deadlines.Deadline d : due) {
      for (Assignee a : assignees.getOrDefault(d.caseId(), List.of())) {
        if (!done.contains(key(d.caseId(), d.kind().name(), d.dueAt(), a.memberId()))) {
          out.add(
              new Pending(
                  d.caseId(),
                  d.caseReference(),
                  d.kind(),
                  d.dueAt(),
                  d.overdue(),
                  a.memberId(),
                  a.email(),
                  a.name()));
        }
      }
    }
    return out;
  }

  /**
   * Records the reminder, queues its mail and audits it, in one transaction of its own; false when
   * it was already recorded (by this or another replica) or another transaction is recording it
   * now. The mail is sent after that transaction commits.
   */
  public boolean remind(Pending p) {
    try {
      tx.executeWithoutResult(status -> record(p));
    } catch (DuplicateKeyException | ConcurrencyFailureException e) {
      LOG.debug(
          "reminder {} {} for member {} already recorded elsewhere",
          p.caseReference(),
          p.kind(),
          p.memberId());
      return false;
    }
    return true;
  }

  private void record(Pending p) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO reminder (case_id, kind, due_at, member_id, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(
            p.caseId(),
            p.kind().name(),
            ClockStore.utc(p.dueAt()),
            p.memberId(),
            ClockStore.utc(clock.instant()))
        .update(keys, "id");
    long reminderId = ClockStore.id(keys);
    MailService.Queued queued =
        mail.send(
            MailPurpose.REMINDER,
            p.caseId(),
            Recipients.to(p.email().strip()),
            values(p),
            idempotencyKey(reminderId));
    jdbc.sql("UPDATE reminder SET outbox_id = ? WHERE id = ?")
        .params(queued.id(), reminderId)
        .update();
    audit.append(
        AuditLog.SYSTEM,
        "clock.reminder",
        p.caseId(),
        "reminder "
            + reminderId
            + " to "
            + AuditLog.member(p.memberId())
            + ": "
            + p.kind().label()
            + (p.overdue() ? " overdue since " : " due ")
            + p.dueAt()
            + ", mail "
            + queued.id()
            + " "
            + queued.status());
  }

  /** The outbox key of a reminder's mail: one mail per reminder row. */
  static String idempotencyKey(long reminderId) {
    return "reminder:" + reminderId;
  }

  /** Sends every pending reminder; returns how many this call recorded. */
  public int sendDue() {
    int sent = 0;
    for (Pending p : pending()) {
      try {
        if (remind(p)) {
          sent++;
        }
      } catch (RuntimeException e) {
        // One bad reminder (an unusable address) must not stop the others; it is tried again on
        // the next run, since nothing of it was recorded.
        LOG.warn(
            "reminder {} {} for member {} not queued: {}",
            p.caseReference(),
            p.kind(),
            p.memberId(),
            e.toString());
      }
    }
    if (sent > 0) {
      LOG.info("{} reminder(s) queued", sent);
    }
    return sent;
  }

  /**
   * The values of the {@link MailPurpose#REMINDER} template: the assignee's name, the case
   * reference, the task, when it is (or was) due, and the link to the case's clock page — nothing
   * else of the case.
   */
  Map<String, String> values(Pending p) {
    String when = ClockFormats.dateTime(p.dueAt(), rules.calendar().zone());
    return Map.of(
        "recipient_name",
        p.name() == null || p.name().isBlank() ? "CPANSec member" : p.name().strip(),
        "case_reference",
        p.caseReference(),
        "task",
        p.kind().task(),
        "due_date",
        p.overdue() ? when + " (overdue)" : when,
        "case_link",
        site + "/cna/cases/" + p.caseReference() + "/clock");
  }

  private static String key(long caseId, String kind, Instant due, long memberId) {
    return caseId + "/" + kind + "/" + due + "/" + memberId;
  }

  private record Assignee(long caseId, long memberId, String email, String name) {}
}
