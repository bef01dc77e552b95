package org.cpansec.server.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The versioned mail templates ({@code mail_template}): the newest version of a purpose is used,
 * every older one is kept. A purpose without any version gets its shipped default (the resource
 * {@code mail-templates/<purpose>.txt}: a {@code Subject:} line, a blank line, the body) as version
 * 1, at start-up or at first use.
 */
@Service
public class MailTemplates {
  /** Longest subject the outbox stores. */
  public static final int MAX_SUBJECT = 500;

  /** Longest template body. */
  public static final int MAX_BODY = 100_000;

  private static final Logger LOG = LoggerFactory.getLogger(MailTemplates.class);
  private static final String COLUMNS =
      "SELECT t.purpose, t.version, t.subject_template, t.body_template, t.edited_by,"
          + " m.username, t.edited_at FROM mail_template t"
          + " LEFT JOIN member_account m ON m.id = t.edited_by";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate savepoint;

  public MailTemplates(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** Seeds the shipped default of every purpose that has no version yet. */
  @EventListener(ApplicationReadyEvent.class)
  public void seedDefaults() {
    int seeded = 0;
    for (MailPurpose p : MailPurpose.values()) {
      if (latest(p).isEmpty() && seed(p)) {
        seeded++;
      }
    }
    if (seeded > 0) {
      LOG.info("Seeded the default text of {} mail template(s) as version 1", seeded);
    }
  }

  /** The version in use: the newest, seeding the default first when there is none. */
  public TemplateVersion current(MailPurpose purpose) {
    return latest(purpose)
        .orElseGet(
            () -> {
              seed(purpose);
              return latest(purpose)
                  .orElseThrow(() -> new IllegalStateException("no template for " + purpose));
            });
  }

  /** Every version of a purpose, newest first. */
  public List<TemplateVersion> history(MailPurpose purpose) {
    current(purpose);
    return jdbc.sql(COLUMNS + " WHERE t.purpose = ? ORDER BY t.version DESC")
        .param(purpose.name())
        .query(MailTemplates::row)
        .list();
  }

  /** One version of a purpose. */
  public Optional<TemplateVersion> version(MailPurpose purpose, int version) {
    return jdbc.sql(COLUMNS + " WHERE t.purpose = ? AND t.version = ?")
        .params(purpose.name(), version)
        .query(MailTemplates::row)
        .optional();
  }

  /**
   * Saves a new version after {@link #check}ing it; {@code memberId} is the admin who edits.
   *
   * @throws MailTemplateException with every reason it was refused
   */
  public TemplateVersion save(MailPurpose purpose, String subject, String body, Long memberId) {
    String s = normalizeSubject(subject);
    String b = normalizeBody(body);
    List<String> problems = check(purpose, s, b);
    if (!problems.isEmpty()) {
      throw new MailTemplateException(problems);
    }
    int next = current(purpose).version() + 1;
    try {
      jdbc.sql(
              "INSERT INTO mail_template (purpose, version, subject_template, body_template,"
                  + " edited_by, edited_at) VALUES (?, ?, ?, ?, ?, ?)")
          .params(purpose.name(), next, s, b, memberId, now())
          .update();
    } catch (DuplicateKeyException e) {
      throw new MailTemplateException(
          List.of(
              "someone else saved version "
                  + next
                  + " of this template in the meantime; reload it and edit again"));
    }
    LOG.info("Mail template {} version {} saved by member {}", purpose, next, memberId);
    return version(purpose, next).orElseThrow();
  }

  /**
   * What is wrong with this subject and body for this purpose (empty when they may be saved): a
   * subject that is blank, longer than {@value #MAX_SUBJECT} characters or not on one line; a blank
   * or oversized body; a broken {@code {{...}}}; a placeholder the purpose does not know.
   */
  public List<String> check(MailPurpose purpose, String subject, String body) {
    List<String> problems = new ArrayList<>();
    if (subject == null || subject.isBlank()) {
      problems.add("The subject is empty.");
    } else {
      if (subject.indexOf('\n') >= 0 || subject.indexOf('\r') >= 0) {
        problems.add("The subject must be one line.");
      }
      if (subject.length() > MAX_SUBJECT) {
        problems.add("The subject is longer than " + MAX_SUBJECT + " characters.");
      }
      problems.addAll(checkText("subject", subject, purpose));
    }
    if (body == null || body.isBlank()) {
      problems.add("The body is empty.");
    } else {
      if (body.length() > MAX_BODY) {
        problems.add("The body is longer than " + MAX_BODY + " characters.");
      }
      problems.addAll(checkText("body", body, purpose));
    }
    return problems;
  }

  private static List<String> checkText(String where, String text, MailPurpose purpose) {
    PlaceholderTemplate t;
    try {
      t = PlaceholderTemplate.parse(text);
    } catch (MailTemplateException e) {
      return e.problems().stream().map(p -> "In the " + where + ", " + p + ".").toList();
    }
    return t.unknown(purpose.placeholders()).stream()
        .map(
            n ->
                "Unknown placeholder {{"
                    + n
                    + "}} in the "
                    + where
                    + "; this template knows "
                    + known(purpose)
                    + ".")
        .toList();
  }

  private static String known(MailPurpose purpose) {
    return String.join(", ", purpose.placeholders().stream().map(n -> "{{" + n + "}}").toList());
  }

  /** Fills in the current version of the purpose's template. */
  public RenderedMail render(MailPurpose purpose, Map<String, String> values) {
    TemplateVersion t = current(purpose);
    return fill(purpose, t.version(), t.subject(), t.body(), values);
  }

  /** Fills in an unsaved subject and body with the purpose's sample values (version 0). */
  public RenderedMail preview(MailPurpose purpose, String subject, String body) {
    String s = normalizeSubject(subject);
    String b = normalizeBody(body);
    List<String> problems = check(purpose, s, b);
    if (!problems.isEmpty()) {
      throw new MailTemplateException(problems);
    }
    return fill(purpose, 0, s, b, purpose.samples());
  }

  private static RenderedMail fill(
      MailPurpose purpose, int version, String subject, String body, Map<String, String> values) {
    String s = PlaceholderTemplate.parse(subject).render(values);
    if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      List<String> bad =
          PlaceholderTemplate.parse(subject).placeholders().stream()
              .filter(n -> values.get(n).indexOf('\n') >= 0 || values.get(n).indexOf('\r') >= 0)
              .map(n -> "the value of {{" + n + "}} has a line break and cannot go in the subject")
              .toList();
      throw new MailTemplateException(bad);
    }
    s = s.strip();
    if (s.isEmpty() || s.length() > MAX_SUBJECT) {
      throw new MailTemplateException(
          List.of("the filled-in subject must have 1 to " + MAX_SUBJECT + " characters"));
    }
    String b = PlaceholderTemplate.parse(body).render(values);
    return new RenderedMail(purpose, version, s, b);
  }

  private Optional<TemplateVersion> latest(MailPurpose purpose) {
    return jdbc.sql(
            COLUMNS
                + " WHERE t.purpose = ? AND t.version = (SELECT MAX(version) FROM mail_template"
                + " WHERE purpose = ?)")
        .params(purpose.name(), purpose.name())
        .query(MailTemplates::row)
        .optional();
  }

  /** Inserts the shipped default as version 1; false when another writer did it first. */
  private boolean seed(MailPurpose purpose) {
    String[] text = shipped(purpose);
    try {
      savepoint.executeWithoutResult(
          s ->
              jdbc.sql(
                      "INSERT INTO mail_template (purpose, version, subject_template,"
                          + " body_template, edited_by, edited_at) VALUES (?, 1, ?, ?, NULL, ?)")
                  .params(purpose.name(), text[0], text[1], now())
                  .update());
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** The shipped default: subject and body. */
  static String[] shipped(MailPurpose purpose) {
    String all;
    try (InputStream in = new ClassPathResource(purpose.resource()).getInputStream()) {
      all = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("missing default mail template " + purpose.resource(), e);
    }
    int end = all.indexOf('\n');
    if (!all.startsWith("Subject: ") || end < 0 || !all.startsWith("\n", end + 1)) {
      throw new IllegalStateException(
          purpose.resource() + ": expected a 'Subject: ' line, a blank line, then the body");
    }
    return new String[] {all.substring("Subject: ".length(), end).strip(), all.substring(end + 2)};
  }

  static String normalizeSubject(String subject) {
    return subject == null ? "" : subject.strip();
  }

  static String normalizeBody(String body) {
    return body == null ? "" : body.replace("\r\n", "\n").replace('\r', '\n');
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock)
        .withOffsetSameInstant(ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.MICROS);
  }

  private static TemplateVersion row(ResultSet rs, int n) throws SQLException {
    long editor = rs.getLong(5);
    Long editedBy = rs.wasNull() ? null : editor;
    return new TemplateVersion(
        MailPurpose.valueOf(rs.getString(1)),
        rs.getInt(2),
        rs.getString(3),
        rs.getString(4),
        editedBy,
        rs.getString(6),
        rs.getObject(7, OffsetDateTime.class));
  }
}
