package org.cpansec.server.comms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.cpansec.server.account.Member;
import org.cpansec.server.audit.AuditLog;
import org.cpansec.server.cases.CaseAccess;
import org.cpansec.server.cases.CaseRecord;
import org.cpansec.server.cases.CaseState;
import org.cpansec.server.cases.Cases;
import org.cpansec.server.cases.Viewer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The workspace dashboard ({@code /cna}, issue 8): cases by state, what is overdue and due soon
 * (the clocks' deadlines: contact within 7 days, disclosure date reached, dispute acknowledgement
 * within 5 business days), and the cases assigned to the member — all computed over the cases the
 * viewer may see ({@link CaseAccess}), so a sensitive case the member is not named on, or any case
 * for a member who has not signed the agreement, counts nowhere. The references it lists are
 * audited, like the case list's.
 */
@Service
public class Dashboard {
  private final CaseGate gate;
  private final CommsStore store;
  private final Cases cases;
  private final DueDates due;
  private final AuditLog audit;

  Dashboard(CaseGate gate, CommsStore store, Cases cases, DueDates due, AuditLog audit) {
    this.gate = gate;
    this.store = store;
    this.cases = cases;
    this.due = due;
    this.audit = audit;
  }

  /** Cases in one state. */
  public record StateCount(CaseState state, int count) {}

  /** A case assigned to the member, with its open deadlines. */
  public record Mine(CaseRecord caseRecord, List<DueItem> deadlines) {}

  /**
   * The dashboard of one member.
   *
   * @param access why the member sees no cases at all, or null
   */
  public record View(
      String access,
      List<StateCount> counts,
      int total,
      List<DueItem> overdue,
      List<DueItem> dueSoon,
      List<Mine> mine) {}

  /** The dashboard for a signed-in member; audited when it lists any case. */
  @Transactional
  public View of(Member me) {
    Viewer viewer = Viewer.of(me);
    String access = accessNote(me);
    Map<CaseState, Integer> byState = cases.countByState(viewer);
    List<StateCount> counts = new ArrayList<>();
    int total = 0;
    for (CaseState s : CaseState.values()) {
      int n = byState.getOrDefault(s, 0);
      counts.add(new StateCount(s, n));
      total += n;
    }
    Map<Long, CaseRecord> visible = new LinkedHashMap<>();
    if (access == null) {
      for (CaseRecord c : store.cases(gate.visible(viewer))) {
        visible.put(c.id(), c);
      }
    }
    List<CaseRecord> assigned =
        access == null ? store.assignedTo(me.id(), gate.visible(viewer)) : List.of();
    Set<Long> mineIds = assigned.stream().map(CaseRecord::id).collect(Collectors.toSet());
    List<DueItem> open = visible.isEmpty() ? List.of() : due.all(visible, mineIds);
    List<DueItem> overdue = open.stream().filter(DueItem::overdue).toList();
    List<DueItem> soon = open.stream().filter(DueItem::soon).toList();
    List<Mine> mine =
        assigned.stream()
            .map(c -> new Mine(c, open.stream().filter(d -> d.caseId() == c.id()).toList()))
            .toList();
    List<String> listed =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.concat(overdue.stream(), soon.stream())
                    .map(DueItem::reference),
                assigned.stream().map(CaseRecord::reference))
            .distinct()
            .sorted()
            .toList();
    if (!listed.isEmpty()) {
      audit.append(
          viewer.actor(),
          "dashboard.view",
          null,
          listed.size() + " cases: " + String.join(", ", listed));
    }
    return new View(access, counts, total, overdue, soon, mine);
  }

  private static String accessNote(Member me) {
    if (!me.maySeeEmbargoed()) {
      return "You have not signed the current pre-release disclosure agreement, so you see no"
          + " cases.";
    }
    if (!CaseAccess.isWorkspaceMember(me)) {
      return "Your roles give no access to cases (CPANSec or CNA member needed).";
    }
    return null;
  }
}
