package org.cpansec.cve.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.cve.DataPack;
import org.cpansec.cve.record.CnaRecordReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The release checks against the data pack's real CPANSA database (CaptchaPNG: 1.02 … 1.09). */
class ReleaseRulesTest {
  private static ReleaseRules rules;
  private static String captcha;

  @BeforeAll
  static void load() throws Exception {
    rules =
        new ReleaseRules(
            AdvisoryDatabase.load(DataPack.file("advisory-db/cpan-security-advisory.json")));
    captcha = Files.readString(DataPack.tvar("CVE-2025-40916.yaml"));
  }

  private static List<LintFinding> findings(String yaml) throws Exception {
    return rules.check(CnaRecordReader.read("CVE-2025-40916.yaml", yaml));
  }

  private static List<String> ruleIds(String yaml) throws Exception {
    return findings(yaml).stream().map(LintFinding::rule).toList();
  }

  @Test
  void publishedRecordPasses() throws Exception {
    assertThat(findings(captcha)).isEmpty();
  }

  @Test
  void rangeMatchingNoReleaseIsFlaggedAtItsLine() throws Exception {
    List<LintFinding> f = findings(captcha.replace("- \"1.05\"", "- \"1.05\"\n    - \"< 1.00\""));
    assertThat(f).extracting(LintFinding::rule).containsExactly("affected_matches_no_release");
    assertThat(f.get(0).message()).contains("'< 1.00' matches no known release");
    assertThat(f.get(0).position().line()).isEqualTo(12);
    assertThat(f.get(0).blocks(false)).isFalse();
    assertThat(f.get(0).blocks(true)).isTrue();
  }

  @Test
  void latestReleaseOutsideTheRangesNeedsAFix() throws Exception {
    String noFix =
        captcha.replace("  solution: |\n    Users should upgrade to version 1.06 or later.\n", "");
    List<LintFinding> f = findings(noFix);
    assertThat(f)
        .extracting(LintFinding::rule)
        .containsExactly("latest_release_not_affected_without_fix");
    assertThat(f.get(0).message()).contains("(1.09)");
    assertThat(ruleIds(noFix.replace("- \"1.05\"", "- \"1.05 <= *\""))).isEmpty();
  }

  @Test
  void unknownDistributionIsANoticeThatNeverBlocks() throws Exception {
    List<LintFinding> f = rules.check(CnaRecordReader.read(DataPack.tvar("CVE-2025-40933.yaml")));
    assertThat(f).extracting(LintFinding::rule).containsExactly("release_list_unknown");
    assertThat(f.get(0).message()).contains("Apache-AuthAny");
    assertThat(f.get(0).blocks(true)).isFalse();
  }
}
