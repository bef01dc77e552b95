package org.cpansec.server.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cpansec.server.cases.CaseState.*;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The state machine of CPANSEC-PROCESS.md §2, every pair of states. */
class CaseStateTest {
  /** The decided workflow, written out independently of {@link CaseState#next()}. */
  static final Map<CaseState, Set<CaseState>> ALLOWED =
      Map.ofEntries(
          Map.entry(REPORTED, Set.of(TRIAGE)),
          Map.entry(TRIAGE, Set.of(RESERVED, CLOSED)),
          Map.entry(RESERVED, Set.of(MAINTAINER_CONTACTED)),
          Map.entry(MAINTAINER_CONTACTED, Set.of(EMBARGO)),
          Map.entry(EMBARGO, Set.of(DRAFTING)),
          Map.entry(DRAFTING, Set.of(READY_TO_PUBLISH)),
          Map.entry(READY_TO_PUBLISH, Set.of(PUBLISHED)),
          Map.entry(PUBLISHED, Set.of(FOLLOW_UP, DISPUTED, UPDATED)),
          Map.entry(DISPUTED, Set.of(PUBLISHED)),
          Map.entry(UPDATED, Set.of(PUBLISHED)),
          Map.entry(FOLLOW_UP, Set.of(CLOSED)),
          Map.entry(CLOSED, Set.of()));

  @Test
  void everyPairIsAllowedExactlyWhenTheWorkflowSaysSo() {
    int allowed = 0;
    int refused = 0;
    for (CaseState from : CaseState.values()) {
      for (CaseState to : CaseState.values()) {
        boolean expected = ALLOWED.get(from).contains(to);
        assertThat(from.mayMoveTo(to)).as(from + " → " + to).isEqualTo(expected);
        assertThat(from.refusal(to).isEmpty()).as(from + " → " + to).isEqualTo(expected);
        if (expected) {
          allowed++;
        } else {
          refused++;
        }
      }
    }
    assertThat(allowed).isEqualTo(14);
    assertThat(refused).isEqualTo(12 * 12 - 14);
  }

  @Test
  void aRefusalNamesTheMoveAndTheNextSteps() {
    assertThat(TRIAGE.refusal(PUBLISHED))
        .isEqualTo("TRIAGE → PUBLISHED is not allowed; next steps: RESERVED, CLOSED");
    assertThat(PUBLISHED.refusal(CLOSED))
        .isEqualTo("PUBLISHED → CLOSED is not allowed; next steps: FOLLOW_UP, DISPUTED, UPDATED");
    assertThat(CLOSED.refusal(TRIAGE)).contains("CLOSED → TRIAGE is not allowed", "final");
    assertThat(REPORTED.refusal(REPORTED)).contains("REPORTED → REPORTED is not allowed");
  }

  @Test
  void disputedAndUpdatedOnlyFromAndBackToPublished() {
    for (CaseState from : CaseState.values()) {
      assertThat(from.mayMoveTo(DISPUTED)).as(from.name()).isEqualTo(from == PUBLISHED);
      assertThat(from.mayMoveTo(UPDATED)).as(from.name()).isEqualTo(from == PUBLISHED);
    }
    assertThat(DISPUTED.next()).containsExactly(PUBLISHED);
    assertThat(UPDATED.next()).containsExactly(PUBLISHED);
  }

  @Test
  void everyStateIsReachableFromReported() {
    Set<CaseState> seen = EnumSet.of(REPORTED);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (CaseState s : Set.copyOf(seen)) {
        grew |= seen.addAll(s.next());
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(CaseState.values());
  }

  @Test
  void formValuesParse() {
    assertThat(CaseState.parse("triage")).contains(TRIAGE);
    assertThat(CaseState.parse(" READY_TO_PUBLISH ")).contains(READY_TO_PUBLISH);
    assertThat(CaseState.parse("nonsense")).isEmpty();
    assertThat(CaseState.parse(null)).isEmpty();
  }
}
