package org.cpansec.advisory.cna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryBatch;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.AdvisoryFormatException;
import org.cpansec.advisory.AdvisoryRange;
import org.cpansec.advisory.LintKind;
import org.cpansec.advisory.cpansa.CpansaJsonReader;
import org.junit.jupiter.api.Test;

class CnaReadersTest {
  private static final Path T_VAR = Path.of("src/test/resources/datapack/cna/t-var");
  private static final Path DB =
      Path.of("src/test/resources/datapack/advisory-db/cpan-security-advisory.json");

  @Test
  void cveJson5RecordsBecomeAdvisoriesOfTheirPackage() throws Exception {
    Advisory a =
        new CveJson5Reader().read(T_VAR.resolve("CVE-2025-40933.source.json")).entries().get(0);
    assertThat(a.id()).isEqualTo("CVE-2025-40933");
    assertThat(a.distribution()).isEqualTo("Apache-AuthAny");
    assertThat(a.affected()).extracting(AdvisoryRange::text).containsExactly(">=0.19,<=0.201");
    assertThat(a.cwes()).containsExactly("CWE-340", "CWE-338");
    assertThat(a.title()).startsWith("Apache::AuthAny::Cookie v0.201 or earlier for Perl");
    assertThat(a.origin().location()).isEqualTo("/containers/cna/affected/0");
  }

  @Test
  void theCnaYamlAndItsPublishedRecordGiveTheSameRanges() throws Exception {
    for (String cve : List.of("CVE-2025-40906", "CVE-2025-40916", "CVE-2025-40933")) {
      Advisory json =
          new CveJson5Reader().read(T_VAR.resolve(cve + ".source.json")).entries().get(0);
      Advisory yaml = new CnaYamlReader().read(T_VAR.resolve(cve + ".yaml")).entries().get(0);
      assertThat(yaml.id()).isEqualTo(json.id());
      assertThat(yaml.distribution()).isEqualTo(json.distribution());
      assertThat(yaml.affected().stream().map(r -> r.range().orElseThrow()).toList())
          .as(cve)
          .isEqualTo(json.affected().stream().map(r -> r.range().orElseThrow()).toList());
    }
  }

  @Test
  void theTodoTemplateKeepsItsUnparseableRangeVisible() throws Exception {
    Advisory a = new CnaYamlReader().read(T_VAR.resolve("CVE-1900-9998.yaml")).entries().get(0);
    assertThat(a.hasUnparseableRange()).isTrue();
    assertThat(a.affected().get(0).text()).isEqualTo("<= TODO");
  }

  @Test
  void aCnaRecordMergesWithTheCpansaAdvisoryAndWinsOnRanges() throws Exception {
    AdvisoryBatch cpansa = new CpansaJsonReader().read(DB);
    AdvisoryBatch cna = new CveJson5Reader().read(T_VAR.resolve("CVE-2025-40916.source.json"));
    AdvisoryDatabase db = AdvisoryDatabase.of(List.of(cpansa, cna));
    Advisory merged = db.find("CVE-2025-40916").orElseThrow();
    assertThat(merged.id()).isEqualTo("CPANSA-Mojolicious-Plugin-CaptchaPNG-2025-40916");
    assertThat(db.find("CPANSA-Mojolicious-Plugin-CaptchaPNG-2025-40916")).contains(merged);
    // CPANSA says <1.06, the CNA record exactly 1.05: the CNA is authoritative, the clash recorded.
    assertThat(merged.affected()).extracting(AdvisoryRange::text).containsExactly("==1.05");
    assertThat(merged.origins()).hasSize(2);
    // and the two sources word the description differently: recorded too, the first kept
    assertThat(db.lint())
        .filteredOn(f -> f.kind() == LintKind.SOURCE_CONFLICT)
        .satisfiesExactly(
            f -> assertThat(f.message()).contains("[==1.05]", "[<1.06]"),
            f -> assertThat(f.message()).startsWith("description differs"));
  }

  @Test
  void aRecordWithoutCpanPackageIsAFormatError() {
    assertThatThrownBy(
            () ->
                new CveJson5Reader()
                    .read(
                        Path.of(
                            "src/test/resources/datapack/schemas/cve/examples/CVEv5_basic-example.json")))
        .isInstanceOf(AdvisoryFormatException.class)
        .hasMessageContaining("no affected entry with collectionURL https://cpan.org/modules");
  }
}
