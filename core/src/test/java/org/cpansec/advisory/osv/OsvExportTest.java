package org.cpansec.advisory.osv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryBatch;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.AdvisoryRange;
import org.cpansec.advisory.Reference;
import org.cpansec.advisory.SchemaCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OSV export of the whole bundled database against the official OSV schema. CPAN is not an OSV
 * ecosystem and CPANSA not a registered id prefix (ADR 0003): those two patterns are widened to
 * admit exactly {@code CPAN} and {@code CPANSA-}; every other rule is checked as published.
 */
class OsvExportTest {
  private static final SchemaCheck OSV =
      SchemaCheck.of(
          "schemas/osv/schema.json",
          s -> {
            ObjectNode defs = (ObjectNode) s.get("$defs");
            ObjectNode eco = (ObjectNode) defs.get("ecosystemWithSuffix");
            eco.put("pattern", eco.get("pattern").asText().replace("^(", "^(CPAN|"));
            ObjectNode prefix = (ObjectNode) defs.get("prefix");
            prefix.put(
                "pattern", prefix.get("pattern").asText().replace("^(x_|(", "^(x_|(CPANSA|"));
          });

  private final AdvisoryDatabase db = AdvisoryDatabase.bundled();

  @Test
  void everyRecordValidates() {
    Map<String, ObjectNode> records = new OsvWriter().records(db);
    assertThat(records).hasSize(1001);
    List<String> failures = new ArrayList<>();
    records.forEach((id, r) -> OSV.errors(r).forEach(e -> failures.add(id + ": " + e)));
    assertThat(failures).isEmpty();
  }

  @Test
  void theUnpatchedSchemaRejectsOnlyTheEcosystemAndThePrefix() {
    SchemaCheck strict = SchemaCheck.of("schemas/osv/schema.json", s -> {});
    ObjectNode r = new OsvWriter().records(db).get("CPANSA-Authen-SASL-2025-40918");
    assertThat(strict.errors(r))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e).containsAnyOf("/id", "/affected/0/package/ecosystem"));
  }

  @Test
  void rangesBecomeExactEventsOrAreLeftToTheVersionList() {
    ObjectNode sasl = new OsvWriter().records(db).get("CPANSA-Authen-SASL-2025-40918");
    assertThat(sasl.at("/affected/0/ranges/0/events").toString())
        .isEqualTo("[{\"introduced\":\"2.04\"},{\"last_affected\":\"2.1900\"}]");
    assertThat(sasl.at("/affected/0/versions").toString()).contains("\"2.1800\"");
    ObjectNode gt = new OsvWriter().records(db).get("CPANSA-GD-SecurityImage-2026-13082");
    assertThat(gt.at("/affected/0/ranges").isMissingNode()).isTrue(); // '>0' has no exact events
    assertThat(gt.at("/affected/0/versions").size()).isGreaterThan(1);
  }

  @Test
  void anIdSharedByTwoDistributionsIsOneRecordWithTwoPackages() {
    ObjectNode r = new OsvWriter().records(db).get("CPANSA-WebDyne-2026-5084");
    assertThat(r.at("/affected").size()).isEqualTo(2);
  }

  @Test
  void exportedRecordsReadBackAsTheSameAdvisories(@TempDir Path dir) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    for (var e : new OsvWriter().records(db).entrySet()) {
      mapper.writeValue(dir.resolve(e.getKey() + ".json").toFile(), e.getValue());
    }
    AdvisoryBatch back = new OsvReader().read(dir);
    assertThat(back.entries()).hasSize(db.all().size());
    for (Advisory a : back.entries()) {
      Advisory original =
          db.findAll(a.id()).stream()
              .filter(x -> x.distribution().equals(a.distribution()))
              .findFirst()
              .orElseThrow();
      assertThat(a.affected())
          .extracting(AdvisoryRange::text)
          .containsExactlyElementsOf(texts(original.affected()));
      assertThat(a.fixed()).isEqualTo(original.fixed());
      assertThat(a.aliases()).containsExactlyInAnyOrderElementsOf(original.aliases());
      assertThat(a.severity()).isEqualTo(original.severity());
      assertThat(a.references())
          .isEqualTo(
              db.findAll(a.id()).stream()
                  .flatMap(x -> x.references().stream())
                  .map(r -> new Reference(r.encodedUrl(), r.kind()))
                  .distinct()
                  .toList());
      assertThat(a.thirdParty()).isEqualTo(original.thirdParty());
    }
    assertThat(Files.list(dir).count()).isEqualTo(1001);
  }

  @Test
  void eventsOfSeveralIntervalsBecomeSeveralRanges() throws Exception {
    var events =
        new ObjectMapper()
            .readTree(
                "[{\"introduced\":\"0\"},{\"fixed\":\"1.2\"},{\"introduced\":\"2.0\"},"
                    + "{\"last_affected\":\"2.3\"}]");
    assertThat(OsvReader.fromEvents(events))
        .extracting(AdvisoryRange::text)
        .containsExactly(">=0,<1.2", ">=2.0,<=2.3");
  }

  private static List<String> texts(List<AdvisoryRange> ranges) {
    return ranges.stream().map(AdvisoryRange::text).toList();
  }
}
