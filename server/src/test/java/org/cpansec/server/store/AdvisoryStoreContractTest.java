package org.cpansec.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.Release;
import org.cpansec.advisory.Severity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SQL store on the real bundled snapshot: what goes in comes back equal, and the list's filters
 * select what the data says. Run once per database by the subclasses.
 */
abstract class AdvisoryStoreContractTest {
  private static final AdvisoryDatabase CORE = AdvisoryDatabase.bundled();

  @Autowired AdvisoryCatalog catalog;
  @Autowired AdvisoryStore store;

  @Test
  void everyAdvisoryComesBackFromSqlEqualToTheImportedOne() {
    assertThat(catalog.database().all())
        .hasSize(CORE.all().size())
        .containsExactlyElementsOf(CORE.all());
  }

  @Test
  void releasesAndModulesComeBackFromSql() {
    AdvisoryDatabase db = catalog.database();
    assertThat(db.distributions()).isEqualTo(CORE.distributions());
    for (String d : CORE.distributions()) {
      assertThat(db.releases(d).stream().map(Release::text).toList())
          .as(d)
          .isEqualTo(CORE.releases(d).stream().map(Release::text).toList());
    }
    assertThat(db.module2dist()).isEqualTo(CORE.module2dist());
    assertThat(db.distributionOfModule("HTTP::Tiny")).contains("HTTP-Tiny");
  }

  @Test
  void importIsRecordedOnce() {
    assertThat(store.sources()).hasSize(1);
    assertThat(store.sources().get(0).advisoryCount()).isEqualTo(CORE.all().size());
    assertThat(store.sources().get(0).upstreamCommit()).isEqualTo(CORE.source().commit());
    assertThat(store.sources().get(0).upstreamGenerated().toInstant())
        .isEqualTo(CORE.source().generatedAt().orElseThrow());
    assertThat(catalog.database().source().generatedAt()).isEqualTo(CORE.source().generatedAt());
  }

  @Test
  void filtersByDistributionSeverityYearAndCve() {
    List<AdvisorySummary> tiny = store.search(search(null, "http-tiny", null, null, null));
    assertThat(tiny)
        .extracting(AdvisorySummary::id)
        .containsExactlyInAnyOrderElementsOf(
            CORE.advisoriesFor("HTTP-Tiny").stream().map(Advisory::id).toList());

    List<AdvisorySummary> high = store.search(search(null, null, Severity.Level.HIGH, null, null));
    long coreHigh =
        CORE.all().stream().filter(a -> a.severity().level() == Severity.Level.HIGH).count();
    assertThat(high).hasSize((int) Math.min(coreHigh, AdvisorySearch.MAX_LIMIT));
    assertThat(high).allMatch(a -> a.severity().equals("high"));

    List<AdvisorySummary> y2023 = store.search(search(null, null, null, 2023, null));
    assertThat(y2023).isNotEmpty().allMatch(a -> a.disclosed().startsWith("2023"));

    List<AdvisorySummary> cve = store.search(search(null, null, null, null, "cve-2023-31486"));
    assertThat(cve).extracting(AdvisorySummary::id).containsExactly("CPANSA-HTTP-Tiny-2023-31486");
  }

  @Test
  void freeTextIsCaseInsensitiveAndTreatsLikeWildcardsLiterally() {
    assertThat(store.search(search("HTTP-TINY-2023", null, null, null, null)))
        .extracting(AdvisorySummary::id)
        .contains("CPANSA-HTTP-Tiny-2023-31486");
    List<AdvisorySummary> percent = store.search(search("%", null, null, null, null));
    assertThat(percent).hasSizeLessThan(CORE.all().size());
    for (AdvisorySummary a : percent) {
      Advisory full =
          CORE.advisoriesFor(a.distribution()).stream()
              .filter(x -> x.id().equals(a.id()))
              .findFirst()
              .orElseThrow();
      assertThat(full.description() + full.title()).as(a.id()).contains("%");
    }
  }

  @Test
  void newestFirst() {
    List<AdvisorySummary> latest = store.search(AdvisorySearch.latest(20));
    assertThat(latest).hasSize(20);
    for (int i = 1; i < latest.size(); i++) {
      assertThat(latest.get(i - 1).disclosed()).isGreaterThanOrEqualTo(latest.get(i).disclosed());
    }
  }

  private static AdvisorySearch search(
      String text, String dist, Severity.Level sev, Integer year, String cve) {
    return new AdvisorySearch(
        Optional.ofNullable(text),
        Optional.ofNullable(dist),
        Optional.ofNullable(sev),
        Optional.ofNullable(year),
        Optional.ofNullable(cve),
        AdvisorySearch.MAX_LIMIT,
        0);
  }
}
