package org.cpansec.server.clocks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What is due and what is overdue, with the due instant (CPANSEC-PROCESS.md §4, §9):
 *
 * <ul>
 *   <li>the maintainer contact, {@code contact-days} after the report, while the case is in
 *       REPORTED, TRIAGE or RESERVED and no contact is recorded;
 *   <li>the planned disclosure date, from the start of that day in the configured zone, until the
 *       case is published (or closed);
 *   <li>the acknowledgement of each dispute, {@code dispute-business-days} business days after it
 *       was received, until it is acknowledged.
 * </ul>
 *
 * A deadline is overdue from its due instant on. This service applies no access rule: callers (the
 * dashboard) show a member only the cases that member may see.
 */
@Service
public class Deadlines {
  private final JdbcClient jdbc;
  private final ClockRules rules;
  private final Clock clock;

  public Deadlines(JdbcClient jdbc, ClockRules rules, Clock clock) {
    this.jdbc = jdbc;
    this.rules = rules;
    this.clock = clock;
  }

  /**
   * One open deadline of a case.
   *
   * @param disputeId the dispute, for {@link DeadlineKind#DISPUTE_ACKNOWLEDGEMENT}; else null
   */
  public record Deadline(
      long caseId,
      String caseReference,
      DeadlineKind kind,
      Instant dueAt,
      boolean overdue,
      Long disputeId) {}

  /** Open deadlines split into those still ahead ({@code due}) and those passed, soonest first. */
  public record Agenda(List<Deadline> due, List<Deadline> overdue) {
    public Agenda {
      due = List.copyOf(due);
      overdue = List.copyOf(overdue);
    }

    public boolean isEmpty() {
      return due.isEmpty() && overdue.isEmpty();
    }
  }

  /** The deadlines of the cases assigned to this member ({@code case_assignee}). */
  public Agenda forMember(long memberId) {
    return agenda(
        open(
            " AND c.id IN (SELECT a.case_id FROM case_assignee a WHERE a.member_id = ?)",
            memberId));
  }

  /** The deadlines of one case. */
  public Agenda forCase(long caseId) {
    return agenda(open(" AND c.id = ?", caseId));
  }

  /** The deadlines of every case. */
  public Agenda all() {
    return agenda(open("", null));
  }

  /** Every open deadline, soonest first (overdue as of the clock's now). */
  List<Deadline> open() {
    return open("", null);
  }

  private List<Deadline> open(String filter, Long param) {
    Instant now = clock.instant();
    List<Deadline> out = new ArrayList<>();
    out.addAll(
        query(
            "SELECT c.id, c.reference, c.reported_at FROM cna_case c"
                + " WHERE c.maintainer_contacted_at IS NULL AND c.published_at IS NULL"
                + " AND c.state IN "
                + in(ClockStore.BEFORE_CONTACT_STATES)
                + filter,
            param,
            (rs, n) -> {
              Instant due = rules.contactDue(ClockStore.instant(rs, 3));
              return new Deadline(
                  rs.getLong(1),
                  rs.getString(2),
                  DeadlineKind.MAINTAINER_CONTACT,
                  due,
                  !now.isBefore(due),
                  null);
            }));
    out.addAll(
        query(
            "SELECT c.id, c.reference, c.planned_disclosure FROM cna_case c"
                + " WHERE c.planned_disclosure IS NOT NULL AND c.published_at IS NULL"
                + " AND c.state NOT IN "
                + in(ClockStore.FINISHED_STATES)
                + filter,
            param,
            (rs, n) -> {
              Instant due = rules.disclosureDue(rs.getObject(3, java.time.LocalDate.class));
              return new Deadline(
                  rs.getLong(1),
                  rs.getString(2),
                  DeadlineKind.DISCLOSURE_DATE,
                  due,
                  !now.isBefore(due),
                  null);
            }));
    out.addAll(
        query(
            "SELECT c.id, c.reference, d.received_at, d.id FROM case_dispute d"
                + " JOIN cna_case c ON c.id = d.case_id WHERE d.acknowledged_at IS NULL"
                + filter,
            param,
            (rs, n) -> {
              Instant due = rules.disputeAcknowledgementDue(ClockStore.instant(rs, 3));
              return new Deadline(
                  rs.getLong(1),
                  rs.getString(2),
                  DeadlineKind.DISPUTE_ACKNOWLEDGEMENT,
                  due,
                  !now.isBefore(due),
                  rs.getLong(4));
            }));
    out.sort(
        Comparator.comparing(Deadline::dueAt)
            .thenComparing(Deadline::caseReference)
            .thenComparing(Deadline::kind));
    return out;
  }

  private List<Deadline> query(
      String sql, Long param, org.springframework.jdbc.core.RowMapper<Deadline> mapper) {
    var spec = jdbc.sql(sql);
    if (param != null) {
      spec = spec.param(param);
    }
    return spec.query(mapper).list();
  }

  private static Agenda agenda(List<Deadline> open) {
    return new Agenda(
        open.stream().filter(d -> !d.overdue()).toList(),
        open.stream().filter(Deadline::overdue).toList());
  }

  private static String in(java.util.Set<String> states) {
    return states.stream()
        .sorted()
        .map(s -> "'" + s + "'")
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
