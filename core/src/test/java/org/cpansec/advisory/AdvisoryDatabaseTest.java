package org.cpansec.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cpansec.version.PerlVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled snapshot, read through the public API the audit uses. */
class AdvisoryDatabaseTest {
  private final AdvisoryDatabase db = AdvisoryDatabase.bundled();

  @Test
  void readsEveryEntryReleaseAndModuleOfTheSnapshot() {
    assertThat(db.entryCount()).isEqualTo(2061);
    assertThat(db.releaseCount()).isEqualTo(21743);
    assertThat(db.module2dist()).hasSize(8336);
    // 2,061 entries repeat ids (embedded-library releases): 1,003 advisories once merged.
    assertThat(db.all()).hasSize(1003);
    assertThat(db.source().commit()).isEqualTo("62f1f98ee6eb001809730162c18a5b150d41c2f3");
    assertThat(db.source().generatedAt()).isPresent();
  }

  @Test
  void findsByIdCveAndGhsaInAnyCase() {
    Advisory a = db.find("CPANSA-Authen-SASL-2025-40918").orElseThrow();
    assertThat(a.distribution()).isEqualTo("Authen-SASL");
    assertThat(db.find("cve-2025-40918")).contains(a);
    assertThat(a.affected()).extracting(AdvisoryRange::text).containsExactly(">=2.04,<=2.1900");
    assertThat(a.affects(PerlVersion.parse("2.1800"))).isTrue();
    assertThat(a.affects(PerlVersion.parse("2.03"))).isFalse();
    assertThat(a.origin().location()).isEqualTo("/dists/Authen-SASL/advisories/0");
    assertThat(db.find("CVE-1999-0000000")).isEmpty();
  }

  @Test
  void anIdReusedForTwoDistributionsGivesTwoAdvisories() {
    assertThat(db.findAll("CPANSA-WebDyne-2026-5084"))
        .extracting(Advisory::distribution)
        .containsExactlyInAnyOrder("WebDyne", "WebDyne-Session");
  }

  @Test
  void repeatedIdsAreOneAdvisoryWithTheUnionOfTheirRanges() {
    Advisory sqlite = db.find("CPANSA-DBD-SQLite-2018-3906-sqlite").orElseThrow();
    assertThat(sqlite.origins()).hasSizeGreaterThan(1);
    assertThat(sqlite.affected()).extracting(AdvisoryRange::text).contains("=1.67_01", "=1.71_01");
  }

  @Test
  void keepsTheEmbeddedLibraryAnAdvisoryIsAbout() {
    Advisory zlib = db.find("CPANSA-Compress-Raw-Zlib-2026-4176").orElseThrow();
    assertThat(zlib.thirdPartyLibrary()).contains(new ThirdParty("zlib", "1.3.2", true));
  }

  @Test
  void releasesAreSortedByVersionWithUnparseableOnesLastAndFlagged() {
    var releases = db.releases("ack");
    assertThat(releases).isNotEmpty();
    var parsed = releases.stream().filter(Release::isParsed).toList();
    for (int i = 1; i < parsed.size(); i++) {
      assertThat(parsed.get(i - 1).version().get())
          .isLessThanOrEqualTo(parsed.get(i).version().get());
    }
    Release bad = releases.get(releases.size() - 1);
    assertThat(bad.isParsed()).isFalse();
    assertThat(bad.problem()).contains("Invalid version format (non-numeric data)");
    assertThat(db.releases("No-Such-Dist")).isEmpty();
  }

  @Test
  void mapsModulesToDistributions() {
    assertThat(db.distributionOfModule("Mojolicious::Plugin::HeaderCondition"))
        .contains("Mojolicious");
    assertThat(db.distributionOfModule("No::Such::Module")).isEmpty();
    assertThat(db.advisoriesFor("mojolicious")).isNotEmpty();
  }

  /** The known quirks of the snapshot; a change in these counts is a change in the data or lint. */
  @Test
  void lintCountsPerKindOnTheBundledSnapshot() {
    Map<LintKind, Integer> expected = new LinkedHashMap<>();
    expected.put(LintKind.UNPARSEABLE_RANGE, 0);
    expected.put(LintKind.BARE_VERSION, 746);
    expected.put(LintKind.IMPOSSIBLE_RANGE, 6);
    expected.put(LintKind.RANGE_MATCHES_NO_RELEASE, 84);
    expected.put(LintKind.FIXED_OVERLAPS_AFFECTED, 23);
    expected.put(LintKind.DUPLICATE_ID_DIFFERENT_CONTENT, 4);
    expected.put(LintKind.ID_NAMES_OTHER_DISTRIBUTION, 14);
    expected.put(LintKind.NON_CVE_IN_CVES, 2);
    expected.put(LintKind.MISSING_DATE, 38);
    expected.put(LintKind.INVALID_DATE, 0);
    expected.put(LintKind.UNPARSEABLE_RELEASE_VERSION, 106);
    expected.put(LintKind.NUMERIC_RELEASE_VERSION, 68);
    expected.put(LintKind.NONSTANDARD_SEVERITY, 13);
    expected.put(LintKind.INVALID_REFERENCE_URL, 4);
    expected.put(LintKind.UNKNOWN_FIELD, 2);
    expected.put(LintKind.SOURCE_CONFLICT, 0);
    assertThat(db.lintCounts()).containsExactlyEntriesOf(expected);
  }

  @Test
  void datesAreIsoDatesOrTimestamps() {
    assertThat(Linter.isIsoDate("2025-07-16")).isTrue();
    assertThat(Linter.isIsoDate("2025-07-16T10:00:00Z")).isTrue();
    assertThat(Linter.isIsoDate("2025-07-16T10:00:00")).isTrue();
    assertThat(Linter.isIsoDate("2025-02-30")).isFalse();
    assertThat(Linter.isIsoDate("16 July 2025")).isFalse();
  }

  @Test
  void lintFindingsSayWhereAndWhat() {
    assertThat(db.lint())
        .filteredOn(f -> f.kind() == LintKind.IMPOSSIBLE_RANGE)
        .extracting(LintFinding::toString)
        .contains(
            "bundled:/org/cpansec/advisory/cpan-security-advisory.json:/dists/DBD-Pg/advisories/1:"
                + " impossible-range: CPANSA-DBD-Pg-2009-0663: fixed range '<1.49,>1.49' can match"
                + " no version");
  }

  @Test
  void loadRejectsAFileThatIsNotACpansaDatabaseWithFileAndPlace(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("db.json");
    Files.writeString(file, "{\"meta\":{},\"dists\":{\"Foo\":{\"versions\":[{\"version\":1");
    assertThatThrownBy(() -> AdvisoryDatabase.load(file))
        .isInstanceOf(AdvisoryFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not valid JSON");
    Files.writeString(file, "[1,2]");
    assertThatThrownBy(() -> AdvisoryDatabase.load(file))
        .isInstanceOf(AdvisoryFormatException.class)
        .hasMessageContaining("expected a JSON object with meta, module2dist and dists");
  }
}
