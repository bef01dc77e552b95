package org.cpansec.cve.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import org.cpansec.cve.DataPack;
import org.cpansec.cve.record.CnaRecordReader;
import org.cpansec.cve.schema.BundledSchema;
import org.cpansec.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CveJsonBuilderTest {
  private final CveJsonBuilder builder = new CveJsonBuilder(BuildOptions.defaults());

  private JsonNode build(String cve) throws Exception {
    return builder.record(CnaRecordReader.read(DataPack.tvar(cve + ".yaml")).record());
  }

  private static JsonNode source(String cve) throws Exception {
    return CanonicalJson.read(Files.readString(DataPack.tvar(cve + ".source.json")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"CVE-2025-40916", "CVE-2025-40933"})
  void reproducesThePublishedRecord(String cve) throws Exception {
    JsonNode built = build(cve);
    assertThat(Projection.differences(Projection.of(source(cve)), Projection.of(built))).isEmpty();
    assertThat(Projection.of(built)).isEqualTo(Projection.of(source(cve)));
  }

  @Test
  void bsonXsDiffersFromItsPublishedRecordByTitlePeriodTwoCwesAndSolutionSplit() throws Exception {
    // The published CVE-2025-40906 was edited after the YAML was written (Vulnogram): its title
    // lost the final period, two CWEs of the bundled libbson's flaws were added, and the two
    // paragraphs of the one YAML solution became two solutions. Everything else must agree.
    ObjectNode expected = Projection.of(source("CVE-2025-40906"));
    ObjectNode got = Projection.of(build("CVE-2025-40906"));
    assertThat(got.get("title").asText()).isEqualTo(expected.get("title").asText() + ".");
    assertThat(expected.get("cwes").toString())
        .isEqualTo(
            "[\"CWE-1104 Use of Unmaintained Third Party Components\","
                + "\"CWE-122 Heap-based Buffer Overflow\","
                + "\"CWE-1395 Dependency on Vulnerable Third-Party Component\","
                + "\"CWE-190 Integer Overflow or Wraparound\"]");
    assertThat(got.get("cwes").toString())
        .isEqualTo(
            "[\"CWE-1104 Use of Unmaintained Third Party Components\","
                + "\"CWE-1395 Dependency on Vulnerable Third-Party Component\"]");
    String solution = got.get("solution").get(0).asText();
    assertThat(got.get("solution")).hasSize(1);
    assertThat(expected.get("solution")).hasSize(2);
    assertThat(solution)
        .isEqualTo(
            expected.get("solution").get(0).asText()
                + " "
                + expected.get("solution").get(1).asText());
    got.remove("solution");
    expected.remove("solution");
    got.remove("title");
    got.remove("cwes");
    expected.remove("title");
    expected.remove("cwes");
    assertThat(got).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"CVE-2025-40906", "CVE-2025-40916", "CVE-2025-40933"})
  void builtRecordsMatchGoldenFilesAndTheOfficialSchema(String cve) throws Exception {
    JsonNode built = build(cve);
    assertThat(BundledSchema.cveRecord().validate(built)).isEmpty();
    Golden.assertMatches("cve/golden", cve + ".json", CanonicalJson.write(built));
  }

  @ParameterizedTest
  @ValueSource(strings = {"CVE-2025-40906", "CVE-2025-40916", "CVE-2025-40933"})
  void cnaContainerValidatesAgainstItsDefinition(String cve) throws Exception {
    JsonNode cna =
        builder.cnaContainer(CnaRecordReader.read(DataPack.tvar(cve + ".yaml")).record());
    assertThat(cna.has("affected")).isTrue();
    assertThat(cna.has("cveMetadata")).isFalse();
  }

  @Test
  void aRecordTheSchemaRejectsIsNotReturned() throws Exception {
    // The CNA YAML schema does not limit the title; CVE 5.1.1 allows 256 characters.
    String yaml =
        Files.readString(DataPack.tvar("CVE-2025-40933.yaml"))
            .replace(
                "Apache::AuthAny::Cookie v0.201 or earlier for Perl generates session ids\n    insecurely\n",
                "x".repeat(300) + "\n");
    var record = CnaRecordReader.read("long-title.yaml", yaml).record();
    assertThatThrownBy(() -> builder.record(record))
        .isInstanceOf(SchemaRejectedException.class)
        .hasMessageContaining("/containers/cna/title");
  }
}
