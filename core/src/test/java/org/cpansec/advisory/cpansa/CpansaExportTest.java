package org.cpansec.advisory.cpansa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.SchemaCheck;
import org.junit.jupiter.api.Test;

class CpansaExportTest {
  private final AdvisoryDatabase db = AdvisoryDatabase.bundled();

  /** What must survive a round trip: everything but where it was read from. */
  private static List<Object> content(Advisory a) {
    return List.of(
        a.id(),
        a.distribution(),
        a.aliases(),
        a.affected(),
        a.fixed(),
        a.severity(),
        String.valueOf(a.description()),
        a.references(),
        String.valueOf(a.reported()),
        String.valueOf(a.thirdParty()),
        String.valueOf(a.comment()),
        a.credits(),
        a.extra());
  }

  @Test
  void cpanAuditShapeReadsBackAsTheSameAdvisoriesReleasesAndModules() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new CpansaJsonWriter().write(db, out);
    AdvisoryDatabase back =
        AdvisoryDatabase.of(
            List.of(
                new CpansaJsonReader()
                    .read(new ByteArrayInputStream(out.toByteArray()), "export.json")));
    assertThat(back.all()).hasSize(db.all().size());
    List<List<Object>> expected = new ArrayList<>();
    db.all().forEach(a -> expected.add(content(a)));
    List<List<Object>> actual = new ArrayList<>();
    back.all().forEach(a -> actual.add(content(a)));
    assertThat(actual).isEqualTo(expected);
    assertThat(back.releaseCount()).isEqualTo(db.releaseCount());
    assertThat(back.module2dist()).isEqualTo(db.module2dist());
    assertThat(back.releases("perl")).isEqualTo(db.releases("perl"));
    assertThat(back.source().commit()).isEqualTo(db.source().commit());
  }

  /**
   * The feed schema's key pattern {@code ^[A-Za-z0-9]+$} rejects every distribution name with a
   * hyphen, its own sample ({@code SOAP-Lite}) included: widened to CPAN distribution names (ADR
   * 0003). Every other rule is checked as published.
   */
  @Test
  void feedValidatesAgainstTheFeedSchema() {
    SchemaCheck feed =
        SchemaCheck.of(
            "advisory-db/cpansa-feed/schema.json",
            s -> {
              ObjectNode props = (ObjectNode) s.get("patternProperties");
              props.set("^[A-Za-z0-9][A-Za-z0-9._+-]*$", props.remove("^[A-Za-z0-9]+$"));
            });
    CpansaFeedWriter.Result r = new CpansaFeedWriter().toJson(db);
    assertThat(feed.errors(r.feed())).isEmpty();
    assertThat(r.skipped()).hasSize(1);
    int written = 0;
    for (var list : r.feed()) {
      written += list.size();
    }
    assertThat(written + r.skipped().size()).isEqualTo(db.all().size());
  }

  @Test
  void theUnpatchedFeedSchemaRejectsItsOwnSample() throws Exception {
    SchemaCheck strict = SchemaCheck.of("advisory-db/cpansa-feed/schema.json", s -> {});
    var sample =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                getClass()
                    .getResourceAsStream("/datapack/advisory-db/cpansa-feed/cpansa_dev.json"));
    assertThat(strict.errors(sample)).isNotEmpty();
  }
}
