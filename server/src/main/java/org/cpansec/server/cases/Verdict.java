package org.cpansec.server.cases;

import java.util.List;

/**
 * "Is it a vulnerability?" computed (CPANSEC-PROCESS.md §2): it is one once two CNA members vote
 * so, whatever the others vote; and it is one when the maintainer says so, whatever the votes (the
 * maintainer's agreement is not required either way).
 */
public record Verdict(int yes, int no, boolean maintainerSays, Outcome outcome) {

  /** The result of the rule. */
  public enum Outcome {
    VULNERABILITY_BY_MAINTAINER("a vulnerability: the maintainer says so"),
    VULNERABILITY_BY_VOTES("a vulnerability: two or more CNA members voted so"),
    UNDECIDED("undecided: a vulnerability once two CNA members vote so, or the maintainer says so");

    private final String text;

    Outcome(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  /** The votes needed to call it a vulnerability when the maintainer has not said so. */
  public static final int VOTES_NEEDED = 2;

  public static Verdict of(List<Boolean> votes, boolean maintainerSays) {
    int yes = (int) votes.stream().filter(v -> v).count();
    int no = votes.size() - yes;
    Outcome outcome =
        maintainerSays
            ? Outcome.VULNERABILITY_BY_MAINTAINER
            : yes >= VOTES_NEEDED ? Outcome.VULNERABILITY_BY_VOTES : Outcome.UNDECIDED;
    return new Verdict(yes, no, maintainerSays, outcome);
  }

  public boolean isVulnerability() {
    return outcome != Outcome.UNDECIDED;
  }
}
