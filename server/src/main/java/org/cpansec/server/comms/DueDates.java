package org.cpansec.server.comms;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cpansec.server.cases.CaseRecord;
import org.cpansec.server.clocks.ClockRules;
import org.cpansec.server.clocks.Deadlines;
import org.springframework.stereotype.Component;

/**
 * The clocks' open deadlines, cut down to the cases a viewer may see, as {@link DueItem}s: overdue
 * from the due instant on, "due soon" within {@code cpansec.comms.due-soon} before it.
 */
@Component
class DueDates {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

  private final Deadlines deadlines;
  private final ClockRules rules;
  private final Clock clock;
  private final CommsProperties config;

  DueDates(Deadlines deadlines, ClockRules rules, Clock clock, CommsProperties config) {
    this.deadlines = deadlines;
    this.rules = rules;
    this.clock = clock;
    this.config = config;
  }

  /** Every open deadline of the visible cases, soonest first. */
  List<DueItem> all(Map<Long, CaseRecord> visible, Set<Long> mine) {
    return items(deadlines.all(), visible, mine);
  }

  /** The open deadlines of one case (the caller checked that the viewer sees it). */
  List<DueItem> ofCase(CaseRecord c, Set<Long> mine) {
    return items(deadlines.forCase(c.id()), Map.of(c.id(), c), mine);
  }

  private List<DueItem> items(
      Deadlines.Agenda agenda, Map<Long, CaseRecord> visible, Set<Long> mine) {
    Instant now = clock.instant();
    Instant soon = now.plus(config.dueSoon());
    List<DueItem> out = new ArrayList<>();
    for (List<Deadlines.Deadline> part : List.of(agenda.overdue(), agenda.due())) {
      for (Deadlines.Deadline d : part) {
        CaseRecord c = visible.get(d.caseId());
        if (c == null) {
          continue;
        }
        out.add(
            new DueItem(
                c.id(),
                c.reference(),
                c.title(),
                d.kind().label(),
                d.dueAt(),
                FORMAT.format(d.dueAt().atZone(rules.calendar().zone())),
                d.overdue(),
                !d.overdue() && !d.dueAt().isAfter(soon),
                mine.contains(c.id())));
      }
    }
    return out;
  }
}
