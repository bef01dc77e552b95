package org.cpansec.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionRangeTest {

  private static PerlVersion v(String s) {
    return PerlVersion.parse(s);
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        ">=3.05,<=3.11 | 3.01   | false",
        ">=3.05,<=3.11 | 3.06   | true",
        ">=3.05,<=3.11 | 3.11   | true",
        "'>= 3.05, < 3.11' | 3.11 | false",
        "<0.34         | 0.33   | true",
        "<0.34         | 0.340  | false",
        "2.0.9         | 2.0.9  | true",
        "2.0.9         | 2.0.10 | false",
        "=1.71_02      | 1.7102 | true",
        "=1.71_02      | 1.72   | false",
        "==1.6.5.0     | v1.6.5 | true",
        "!=1.2         | 1.2    | false",
        ">0            | 0.01   | true",
        "<v3.10.0      | 3.9.9  | true",
      })
  void cpansaRanges(String range, String version, boolean contained) {
    assertThat(VersionRange.parse(range).contains(v(version))).isEqualTo(contained);
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1.2              | 1.2   | true",
        "1.2              | 5     | true",
        "1.2              | 1.1   | false",
        "0                | 0.001 | true",
        "'>= 1.0, != 1.3, < 2' | 1.3 | false",
        "'>= 1.0, != 1.3, < 2' | 1.4 | true",
        "== 1.5           | 1.50  | true",
      })
  void requirementRanges(String range, String version, boolean contained) {
    assertThat(VersionRange.parseRequirement(range).contains(v(version))).isEqualTo(contained);
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1.0 <= 1.4 | 1.4   | true",
        "1.0 <= 1.4 | 0.9   | false",
        "1.0 < 1.5  | 1.5   | false",
        "1.0 < 1.5  | 1.0   | true",
        "<= 1.4     | 0.1   | true",
        "< 1.5      | 1.5   | false",
        "1.3        | 1.3   | true",
        "1.3        | 1.31  | false",
        "1.0 < *    | 99    | true",
        "1.0 <= *   | 0.9   | false",
      })
  void cnaRanges(String range, String version, boolean contained) {
    assertThat(VersionRange.parseCna(range).contains(v(version))).isEqualTo(contained);
  }

  @Test
  void aBareVersionMeansDifferentThingsInEachSyntax() {
    assertThat(VersionRange.parse("1.2").constraints())
        .containsExactly(new Constraint(Operator.EQ, v("1.2")));
    assertThat(VersionRange.parseRequirement("1.2").constraints())
        .containsExactly(new Constraint(Operator.GE, v("1.2")));
    assertThat(VersionRange.parseCna("1.2").constraints())
        .containsExactly(new Constraint(Operator.EQ, v("1.2")));
  }

  @Test
  void detectsRangesThatCanNeverMatch() {
    assertThat(VersionRange.parse("==1.2,==1.3").isEmpty()).isTrue();
    assertThat(VersionRange.parse("<1.49,>1.49").isEmpty()).isTrue();
    assertThat(VersionRange.parse(">2,<1").isEmpty()).isTrue();
    assertThat(VersionRange.parse(">=1.2,<=1.2,!=1.2").isEmpty()).isTrue();
    assertThat(VersionRange.parse(">=1.2,<1.2").isEmpty()).isTrue();
    assertThat(VersionRange.parse(">=1.2,<=1.2").isEmpty()).isFalse();
    assertThat(VersionRange.parse("==1.2,==1.20").isEmpty()).isFalse();
    assertThat(VersionRange.parse(">v1.2,<v1.2.1").isEmpty()).isFalse();
    // 1.2 is the decimal 1.200, which lies above v1.2.1
    assertThat(VersionRange.parse(">1.2,<1.2.1").isEmpty()).isTrue();
  }

  @Test
  void anyListIsAnOr() {
    List<VersionRange> ranges = List.of(VersionRange.parse("<1.0"), VersionRange.parse("==1.5"));
    assertThat(VersionRange.anyContains(ranges, v("0.5"))).isTrue();
    assertThat(VersionRange.anyContains(ranges, v("1.5"))).isTrue();
    assertThat(VersionRange.anyContains(ranges, v("1.2"))).isFalse();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'>=1.0,<abc' | 8 | Invalid version format (non-numeric data)",
        "'>=1.0,,<2'  | 7 | empty constraint between commas",
        "'>='         | 3 | a version is missing after '>='",
        "'!1.0'       | 1 | '!' must be followed by '='",
        "''           | 1 | empty range",
        "'1.2 3'      | 4 | unexpected '3' after version 1.2",
      })
  void reportsWhereAndWhatIsWrong(String range, int column, String reason) {
    assertThatThrownBy(() -> VersionRange.parse(range))
        .isInstanceOfSatisfying(
            InvalidRangeException.class,
            e -> {
              assertThat(e.column()).isEqualTo(column);
              assertThat(e.reason()).isEqualTo(reason);
            });
  }

  @Test
  void requirementsDoNotAcceptASingleEquals() {
    assertThatThrownBy(() -> VersionRange.parseRequirement("=1.2"))
        .isInstanceOf(InvalidRangeException.class)
        .hasMessageContaining("use '=='");
  }

  @Test
  void cnaRangesRefuseOtherShapes() {
    assertThatThrownBy(() -> VersionRange.parseCna("1.0 < 2.0 < 3.0"))
        .isInstanceOf(InvalidRangeException.class);
    assertThatThrownBy(() -> VersionRange.parseCna("* < 1.0"))
        .isInstanceOf(InvalidRangeException.class);
    assertThatThrownBy(() -> VersionRange.parseCna("< *"))
        .isInstanceOf(InvalidRangeException.class);
  }

  /** Every range string in the real advisory database, and what it yields. */
  @Test
  void readsEveryRangeOfTheAdvisoryDatabase() throws IOException {
    TreeMap<String, Integer> outcome = new TreeMap<>();
    List<String> empty = new ArrayList<>();
    try (InputStream in =
        getClass().getResourceAsStream("/datapack/advisory-db/cpan-security-advisory.json")) {
      for (JsonNode dist : new ObjectMapper().readTree(in).get("dists")) {
        for (JsonNode advisory : dist.path("advisories")) {
          for (String field : new String[] {"affected_versions", "fixed_versions"}) {
            JsonNode ranges = advisory.path(field);
            for (JsonNode r : ranges.isTextual() ? List.of(ranges) : ranges) {
              try {
                VersionRange range = VersionRange.parse(r.asText());
                outcome.merge(range.isEmpty() ? "empty" : "ok", 1, Integer::sum);
                if (range.isEmpty()) {
                  empty.add(r.asText());
                }
              } catch (InvalidRangeException e) {
                outcome.merge("invalid: " + e.reason(), 1, Integer::sum);
              }
            }
          }
        }
      }
    }
    assertThat(outcome).containsOnlyKeys("ok", "empty");
    assertThat(empty)
        .containsExactlyInAnyOrder(
            "==0.9.13,==0.9.13.2",
            "==1.0.5.2,==1.0.5.3",
            "==1.2.0.4,==1.2.0.5",
            "<1.49,>1.49",
            "==0.9.2,>=0.9.2.1,<0.9.2.8",
            "<2.9003,>=4.039");
    // 2,692 range strings in all (counted independently with python over the same file)
    assertThat(outcome.get("ok")).isEqualTo(2686);
  }
}
