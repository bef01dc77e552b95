package org.cpansec.cve.osv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.SchemaCheck;
import org.cpansec.cve.DataPack;
import org.cpansec.cve.json.BuildOptions;
import org.cpansec.cve.json.CveJsonBuilder;
import org.cpansec.cve.record.CnaRecordReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OsvRecordTest {
  /** As in OsvExportTest (ADR 0003): only the ecosystem name CPAN is admitted beyond the schema. */
  private static final SchemaCheck OSV =
      SchemaCheck.of(
          "schemas/osv/schema.json",
          s -> {
            ObjectNode eco = (ObjectNode) s.get("$defs").get("ecosystemWithSuffix");
            eco.put("pattern", eco.get("pattern").asText().replace("^(", "^(CPAN|"));
          });

  private static AdvisoryDatabase db;

  @BeforeAll
  static void load() throws Exception {
    db = AdvisoryDatabase.load(DataPack.file("advisory-db/cpan-security-advisory.json"));
  }

  private static JsonNode osv(String cve) throws Exception {
    JsonNode built =
        new CveJsonBuilder(BuildOptions.defaults())
            .record(CnaRecordReader.read(DataPack.tvar(cve + ".yaml")).record());
    return OsvRecord.of(built, db, Instant.parse("2025-06-01T10:11:12.5Z"));
  }

  @Test
  void tvarRecordsBecomeValidOsv() throws Exception {
    List<String> failures = new ArrayList<>();
    for (String cve : List.of("CVE-2025-40906", "CVE-2025-40916", "CVE-2025-40933")) {
      OSV.errors(osv(cve)).forEach(e -> failures.add(cve + ": " + e));
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void idModifiedAndAffectedReleasesComeFromTheRecord() throws Exception {
    JsonNode o = osv("CVE-2025-40916");
    assertThat(o.path("id").asText()).isEqualTo("CVE-2025-40916");
    assertThat(o.path("modified").asText()).isEqualTo("2025-06-01T10:11:12Z");
    JsonNode affected = o.path("affected").path(0);
    assertThat(affected.path("package").path("name").asText())
        .isEqualTo("Mojolicious-Plugin-CaptchaPNG");
    assertThat(affected.path("versions").toString()).isEqualTo("[\"1.05\"]");
    assertThat(o.path("summary").asText()).startsWith("Mojolicious::Plugin::CaptchaPNG version");
  }
}
