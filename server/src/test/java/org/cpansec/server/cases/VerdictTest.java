package org.cpansec.server.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The two-member rule and the maintainer's statement (CPANSEC-PROCESS.md §2). */
class VerdictTest {
  @Test
  void twoYesVotesMakeItAVulnerabilityWhateverTheOthersSay() {
    assertThat(Verdict.of(List.of(), false).outcome()).isEqualTo(Verdict.Outcome.UNDECIDED);
    assertThat(Verdict.of(List.of(true), false).outcome()).isEqualTo(Verdict.Outcome.UNDECIDED);
    assertThat(Verdict.of(List.of(true, false, false), false).outcome())
        .isEqualTo(Verdict.Outcome.UNDECIDED);
    Verdict two = Verdict.of(List.of(true, false, true, false, false), false);
    assertThat(two.outcome()).isEqualTo(Verdict.Outcome.VULNERABILITY_BY_VOTES);
    assertThat(two.yes()).isEqualTo(2);
    assertThat(two.no()).isEqualTo(3);
    assertThat(two.isVulnerability()).isTrue();
  }

  @Test
  void theMaintainersStatementMakesItOneRegardlessOfVotes() {
    Verdict v = Verdict.of(List.of(false, false, false), true);
    assertThat(v.outcome()).isEqualTo(Verdict.Outcome.VULNERABILITY_BY_MAINTAINER);
    assertThat(v.isVulnerability()).isTrue();
    assertThat(Verdict.of(List.of(true, true), true).outcome())
        .isEqualTo(Verdict.Outcome.VULNERABILITY_BY_MAINTAINER);
  }

  @Test
  void noVotesNeverDecideNotAVulnerability() {
    assertThat(Verdict.of(List.of(false, false, false, false), false).isVulnerability()).isFalse();
    assertThat(Verdict.of(List.of(false, false, false, false), false).outcome())
        .isEqualTo(Verdict.Outcome.UNDECIDED);
  }
}
