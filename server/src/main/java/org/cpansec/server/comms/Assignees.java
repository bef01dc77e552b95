package org.cpansec.server.comms;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.MemberAccount;
import org.cpansec.server.account.MemberStore;
import org.cpansec.server.account.WorkspaceProperties;
import org.cpansec.server.audit.AuditLog;
import org.cpansec.server.cases.CaseRecord;
import org.cpansec.server.cases.Viewer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who a case is assigned to ({@code case_assignee}): the dashboard's "assigned to me", and the
 * people the clocks' reminders go to. CNA members assign; only a member who may see the case (by
 * the rule of {@link org.cpansec.server.cases.CaseAccess}) can be assigned to it, so a reminder
 * never names a case to someone who may not see it.
 */
@Service
public class Assignees {
  private final CaseGate gate;
  private final CommsStore store;
  private final MemberStore members;
  private final WorkspaceProperties workspace;
  private final JdbcClient jdbc;
  private final AuditLog audit;

  Assignees(
      CaseGate gate,
      CommsStore store,
      MemberStore members,
      WorkspaceProperties workspace,
      JdbcClient jdbc,
      AuditLog audit) {
    this.gate = gate;
    this.store = store;
    this.members = members;
    this.workspace = workspace;
    this.jdbc = jdbc;
    this.audit = audit;
  }

  /** A member who may be assigned to the case. */
  public record Candidate(long id, String username, String displayName) {}

  /** The case's assignees. */
  List<CommsStore.Assignee> of(long caseId) {
    return store.assignees(caseId);
  }

  /** The active members who may see the case, by username. */
  List<Candidate> candidates(CaseRecord c) {
    Set<Long> signed =
        new HashSet<>(
            jdbc.sql("SELECT member_id FROM agreement_signature WHERE agreement_version = ?")
                .param(workspace.agreementVersion())
                .query(Long.class)
                .list());
    return members.all().stream()
        .filter(a -> a.enabled() && a.enrolled())
        .filter(a -> gate.maySee(Viewer.of(member(a, signed.contains(a.id()))), c))
        .map(a -> new Candidate(a.id(), a.username(), a.displayName()))
        .toList();
  }

  private static Member member(MemberAccount a, boolean signed) {
    return new Member(a.id(), a.username(), a.displayName(), a.email(), a.roles(), signed);
  }

  /** Assigns a member who may see the case to it; CNA members only. */
  @Transactional
  public String assign(String reference, long memberId, Viewer viewer) {
    CaseRecord c = gate.lockAgain(gate.forCna(reference, viewer, "assign cases"));
    Candidate who =
        candidates(c).stream()
            .filter(m -> m.id() == memberId)
            .findFirst()
            .orElseThrow(
                () ->
                    CaseGate.invalid(
                        "Only an active member who may see this case can be assigned to it."));
    if (!store.assign(c.id(), memberId)) {
      throw CaseGate.conflict(who.displayName() + " is already assigned to the case.");
    }
    audit.append(viewer.actor(), "case.assignee", c.id(), "member " + memberId + " assigned");
    return who.displayName() + " is assigned to the case.";
  }

  /** Takes a member off the case; CNA members only. */
  @Transactional
  public String unassign(String reference, long memberId, Viewer viewer) {
    CaseRecord c = gate.lockAgain(gate.forCna(reference, viewer, "assign cases"));
    if (!store.unassign(c.id(), memberId)) {
      throw CaseGate.invalid("That member is not assigned to the case.");
    }
    audit.append(viewer.actor(), "case.assignee", c.id(), "member " + memberId + " unassigned");
    return "The member is no longer assigned to the case.";
  }
}
