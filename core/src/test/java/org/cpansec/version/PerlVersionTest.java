package org.cpansec.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PerlVersionTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1.02      | v1.20.0   | false",
        "1.2.3     | v1.2.3    | false",
        "v1.2      | v1.2.0    | false",
        "1.02_03   | v1.20.300 | true",
        "v1.2_3    | v1.23.0   | true",
        "'  1.5  ' | v1.500.0  | false",
        ".5        | v0.500.0  | false",
        "1.        | v1.0.0    | false",
        "0         | v0.0.0    | false",
        "007.010   | v7.10.0   | false",
        "undef     | v0.0.0    | false",
      })
  void readsTheLaxForms(String text, String normal, boolean alpha) {
    PerlVersion v = PerlVersion.parse(text);
    assertThat(v.normal()).isEqualTo(normal);
    assertThat(v.isAlpha()).isEqualTo(alpha);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1.2a      | non-numeric data",
        "1_000     | alpha without decimal",
        "1.2_3_4   | multiple underscores",
        "-1        | negative version number",
        "v.5       | dotted-decimal versions require at least three parts",
        "''        | version required",
        "1.2_3.4   | underscores before decimal",
        "1.a       | fractional part required",
        "v1.2.     | trailing decimal",
        "1.2__3    | misplaced underscore",
      })
  void refusesWithVersionPmsReason(String text, String reason) {
    assertThatThrownBy(() -> PerlVersion.parse(text))
        .isInstanceOfSatisfying(
            InvalidVersionException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.perlMessage()).isEqualTo("Invalid version format (" + reason + ")");
              assertThat(e.input()).isEqualTo(text);
            });
  }

  @Test
  void keepsTheOriginalSpellingAndNumifies() {
    assertThat(PerlVersion.parse(" 1.50 ").toString()).isEqualTo("1.50");
    assertThat(PerlVersion.parse("v1.2.3").numify()).isEqualTo("1.002003");
    assertThat(PerlVersion.parse("1.5").numify()).isEqualTo("1.500");
    assertThat(PerlVersion.parse("5").numify()).isEqualTo("5.000");
  }

  @Test
  void reportsTextThatVersionPmIgnores() {
    assertThat(PerlVersion.parse("1.2;x").ignoredText()).contains(";x");
    assertThat(PerlVersion.parse("1.2").ignoredText()).isEmpty();
  }

  @Test
  void comparesAsVersionPm() {
    assertThat(PerlVersion.parse("1.0"))
        .isEqualTo(PerlVersion.parse("1"))
        .isEqualTo(PerlVersion.parse("1.000"));
    assertThat(PerlVersion.parse("v1.2")).isEqualTo(PerlVersion.parse("1.2.0"));
    assertThat(PerlVersion.parse("1.02_03")).isEqualTo(PerlVersion.parse("1.0203"));
    assertThat(PerlVersion.parse("1.2")).isGreaterThan(PerlVersion.parse("v1.2"));
    // decimal versions compare as decimals (1.10 is 1.100), dotted ones part by part
    assertThat(PerlVersion.parse("1.10")).isLessThan(PerlVersion.parse("1.9"));
    assertThat(PerlVersion.parse("v1.10")).isGreaterThan(PerlVersion.parse("v1.9"));
    assertThat(PerlVersion.parse("1.2.10")).isGreaterThan(PerlVersion.parse("1.2.9"));
    assertThat(PerlVersion.parse("1.0").hashCode()).isEqualTo(PerlVersion.parse("1").hashCode());
  }

  /**
   * perl5's own t/comp/packagev.t table: column 3 says whether {@code version->new("$value")} (lax,
   * quoted) passes, and the last column a regex its error must match.
   */
  @Test
  void agreesWithPerl5PackagevTable() throws IOException {
    List<String> failures = new ArrayList<>();
    int rows = 0;
    for (String line :
        resourceLines("/datapack/perl-version/perl5-packagev-strict-lax-cases.tsv")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t+");
      rows++;
      String value = f[0];
      boolean pass = f[2].equals("pass");
      String regex = f.length > 4 ? f[4] : "";
      try {
        PerlVersion.parse(value);
        if (!pass) {
          failures.add(value + ": expected failure matching '" + regex + "', parsed");
        }
      } catch (InvalidVersionException e) {
        if (pass || !e.reason().contains(regex)) {
          failures.add(value + ": expected " + (pass ? "pass" : regex) + ", got " + e.reason());
        }
      }
    }
    assertThat(rows).isEqualTo(43);
    assertThat(failures).isEmpty();
  }

  @Test
  void orderIsATotalOrderConsistentWithEquals() {
    List<PerlVersion> sample = new ArrayList<>();
    Random rnd = new Random(7);
    List<String> strings = VersionCorpus.tableValues();
    strings.addAll(VersionCorpus.advisoryDatabaseVersions());
    while (sample.size() < 220) {
      PerlVersion.tryParse(strings.get(rnd.nextInt(strings.size()))).ifPresent(sample::add);
    }
    sample.add(PerlVersion.parse("1.0"));
    sample.add(PerlVersion.parse("1"));
    sample.add(PerlVersion.parse("v1.0.0"));
    for (PerlVersion a : sample) {
      assertThat(a.compareTo(a)).isZero();
      for (PerlVersion b : sample) {
        int ab = a.compareTo(b);
        assertThat(Integer.signum(b.compareTo(a))).isEqualTo(-Integer.signum(ab));
        assertThat(a.equals(b)).isEqualTo(ab == 0);
        if (ab == 0) {
          assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
        for (PerlVersion c : sample) {
          if (ab <= 0 && b.compareTo(c) <= 0) {
            assertThat(a.compareTo(c)).as("%s <= %s <= %s", a, b, c).isLessThanOrEqualTo(0);
          }
        }
      }
    }
  }

  private static List<String> resourceLines(String name) throws IOException {
    try (InputStream in = PerlVersionTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
