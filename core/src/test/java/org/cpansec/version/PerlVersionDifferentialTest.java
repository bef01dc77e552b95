package org.cpansec.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PerlVersion against Perl's own version.pm, over a generated corpus of tens of thousands of
 * strings and pairs. Every disagreement is listed; none is accepted.
 */
class PerlVersionDifferentialTest {

  private static PerlOracle oracle;
  private static List<String> corpus;
  private static List<PerlOracle.Single> answers;

  @BeforeAll
  static void askPerl() {
    Optional<PerlOracle> found = PerlOracle.find();
    assumeTrue(
        found.isPresent(),
        "no perl on PATH: the differential test against version.pm cannot run on this machine");
    oracle = found.get();
    corpus = VersionCorpus.strings();
    answers = oracle.singles(corpus);
  }

  @Test
  void corpusIsLargeAndMixed() {
    long valid = answers.stream().filter(PerlOracle.Single::valid).count();
    assertThat(corpus).hasSizeGreaterThan(20_000);
    assertThat(valid).isGreaterThan(8_000);
    assertThat(corpus.size() - valid).isGreaterThan(5_000);
  }

  @Test
  void parsesEveryStringAsVersionPmDoes() {
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < corpus.size(); i++) {
      String input = corpus.get(i);
      PerlOracle.Single want = answers.get(i);
      String got = describe(input);
      String expected = describe(want);
      if (!got.equals(expected)) {
        mismatches.add("'" + escape(input) + "': perl " + expected + " / java " + got);
      }
    }
    assertThat(mismatches).as("disagreements with version.pm").isEmpty();
  }

  @Test
  void undefIsVersionZeroAsInPerl() {
    PerlOracle.Single want = oracle.singles(java.util.Arrays.asList((String) null)).get(0);
    PerlVersion got = PerlVersion.parse(null);
    assertThat(describe(want))
        .isEqualTo(
            "OK "
                + got
                + " "
                + got.normal()
                + " "
                + got.isAlpha()
                + " "
                + got.numify()
                + " ignored=null");
  }

  @Test
  void comparesEveryPairAsVersionPmDoes() {
    List<String> valid = new ArrayList<>();
    for (int i = 0; i < corpus.size(); i++) {
      if (answers.get(i).valid()) {
        valid.add(corpus.get(i));
      }
    }
    List<String[]> pairs = VersionCorpus.pairs(valid, 30_000);
    // twins may be invalid (e.g. "1.2_3" + "_0"); keep the pairs perl can compare
    pairs.removeIf(
        p -> PerlVersion.tryParse(p[0]).isEmpty() || PerlVersion.tryParse(p[1]).isEmpty());
    List<Integer> want = oracle.compare(pairs);
    List<String> mismatches = new ArrayList<>();
    int equalPairs = 0;
    for (int i = 0; i < pairs.size(); i++) {
      PerlVersion a = PerlVersion.parse(pairs.get(i)[0]);
      PerlVersion b = PerlVersion.parse(pairs.get(i)[1]);
      int got = Integer.signum(a.compareTo(b));
      boolean consistent =
          a.equals(b) == (got == 0)
              && (got != 0 || a.hashCode() == b.hashCode())
              && Integer.signum(b.compareTo(a)) == -got;
      if (got != want.get(i) || !consistent) {
        mismatches.add(
            pairs.get(i)[0]
                + " <=> "
                + pairs.get(i)[1]
                + ": perl "
                + want.get(i)
                + " / java "
                + got
                + (consistent ? "" : " (equals/hashCode/antisymmetry broken)"));
      }
      equalPairs += got == 0 ? 1 : 0;
    }
    assertThat(pairs).hasSizeGreaterThan(40_000);
    assertThat(equalPairs).as("near-equal pairs that are equal").isGreaterThan(2_000);
    assertThat(mismatches).as("comparisons that disagree with version.pm").isEmpty();
  }

  private static String describe(String input) {
    try {
      PerlVersion v = PerlVersion.parse(input);
      return "OK "
          + v
          + " "
          + v.normal()
          + " "
          + v.isAlpha()
          + " "
          + v.numify()
          + " ignored="
          + v.ignoredText().map(VersionCorpusEscapes::escape).orElse("null");
    } catch (InvalidVersionException e) {
      return "ERR " + e.perlMessage();
    }
  }

  private static String describe(PerlOracle.Single s) {
    if (!s.valid()) {
      return "ERR " + s.error();
    }
    return "OK "
        + s.original()
        + " "
        + s.normal()
        + " "
        + s.alpha()
        + " "
        + s.numify()
        + " ignored="
        + (s.ignored() == null ? "null" : VersionCorpusEscapes.escape(s.ignored()));
  }

  private static String escape(String s) {
    return VersionCorpusEscapes.escape(Objects.toString(s));
  }
}
