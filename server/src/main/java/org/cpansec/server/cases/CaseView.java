package org.cpansec.server.cases;

import java.util.List;
import java.util.Set;

/**
 * Everything a member's case page shows, read in one audited transaction; {@code mayChange} says
 * whether the viewer is a CNA member (who may act on it).
 */
public record CaseView(
    CaseRecord caseRecord,
    List<CaseLabel> labels,
    List<CaseStore.Transition> history,
    Set<CaseState> nextStates,
    ReportDetails report,
    Triage.State triage,
    List<Triage.Vote> votes,
    Verdict verdict,
    List<CaseComments.Comment> comments,
    List<CaseAttachments.Info> attachments,
    List<CaseGrant> grants,
    List<CaseStore.CveRow> cveIds,
    List<CaseStore.MemberName> namedMembers,
    List<CaseStore.MemberName> cnaMembers,
    long viewerId,
    boolean mayChange) {

  /** HIGH PRIORITY is suggested: the impact calls for it and the label is not on the case. */
  public boolean highPrioritySuggested() {
    return triage.impact() != null
        && triage.impact().highPriority()
        && !labels.contains(CaseLabel.HIGH_PRIORITY);
  }

  /** Whether the case carries the label of this name. */
  public boolean has(String label) {
    return CaseLabel.parse(label).map(labels::contains).orElse(false);
  }

  /** The viewer's own vote, if any. */
  public Triage.Vote myVote() {
    return votes.stream().filter(v -> v.memberId() == viewerId).findFirst().orElse(null);
  }
}
