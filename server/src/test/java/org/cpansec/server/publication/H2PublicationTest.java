package org.cpansec.server.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryBatch;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.AdvisoryRange;
import org.cpansec.advisory.DatabaseSource;
import org.cpansec.advisory.Origin;
import org.cpansec.server.TestDatabases;
import org.cpansec.server.cveid.StandInInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * Publication on an H2 file database, with the CVE Services stand-in. The database is this
 * context's own, so here a re-import of the advisory data is tried too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {TestDatabases.H2.class, StandInInitializer.class})
class H2PublicationTest extends PublicationContractTest {

  @Test
  void aPublishedAdvisorySurvivesAReimportAndJoinsAnImportedOneNamingItsCve() {
    Ready k = ready("Reimport");
    assertThat(publication.publish(k.reference(), k.asMember()).finished()).isTrue();
    Advisory upstream =
        Advisory.builder("CPANSA-" + k.distribution() + "-2026-01", k.distribution())
            .alias(k.cve())
            .origin(new Origin("cpansa-json", "reimport.json", "/1"))
            .affected(AdvisoryRange.cpansa("<1.3"))
            .description("Imported later from upstream, with a narrower range.")
            .build();
    Advisory unrelated =
        Advisory.builder("CPANSA-Other-Dist-2026-01", "Other-Dist")
            .affected(AdvisoryRange.cpansa("<2.0"))
            .description("Something else.")
            .origin(new Origin("cpansa-json", "reimport.json", "/2"))
            .build();
    catalog.replace(
        AdvisoryDatabase.of(
            List.of(
                AdvisoryBatch.ofAdvisories(
                    DatabaseSource.of("cpansa-json", "reimport.json"),
                    List.of(upstream, unrelated),
                    List.of(),
                    false))));

    Advisory merged = catalog.database().find(k.cve()).orElseThrow();
    assertThat(merged.id()).isEqualTo(upstream.id());
    assertThat(merged.aliases()).contains(k.cve());
    assertThat(merged.affected().toString()).contains("1.5").doesNotContain("1.3");
    assertThat(catalog.database().find("CPANSA-Other-Dist-2026-01")).isPresent();
    assertThat(api("/v1/vulns/" + k.cve()).statusCode()).isEqualTo(200);
    // The list shows the advisory once, under the imported id that now carries it.
    String list = http.page("/advisories?dist=" + k.distribution()).body();
    assertThat(list).contains(upstream.id());
    assertThat(list.split("/advisories/" + k.cve() + "\"", -1)).hasSize(1);
  }
}
