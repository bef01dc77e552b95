package org.cpansec.server.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.cpansec.cve.record.CveId;
import org.cpansec.cve.record.DistributionName;
import org.cpansec.cve.record.ModuleName;
import org.cpansec.cve.record.RecordStub;
import org.junit.jupiter.api.Test;

/** The prefilled start of a new record. */
class RecordTemplateTest {
  private static CaseRow kase(String title, String dist, String affected) {
    return new CaseRow(1, "CASE-1", "DRAFTING", title, dist, affected, false);
  }

  @Test
  void theCaseTitleBecomesTheRestOfTheRecordTitle() {
    assertThat(RecordTemplate.titleWords("Foo::Bar - leaks memory.", "Foo::Bar"))
        .isEqualTo("leaks memory");
    assertThat(RecordTemplate.titleWords("  Weak\n random  numbers ", "Foo::Bar"))
        .isEqualTo("Weak random numbers");
    assertThat(RecordTemplate.titleWords(null, "Foo::Bar")).isEmpty();
  }

  @Test
  void affectedVersionsAreSplitOnCommasSemicolonsAndLines() {
    assertThat(RecordTemplate.affected("<= 1.2, 1.5; 2.0 < 2.3\n3.0"))
        .containsExactly("<= 1.2", "1.5", "2.0 < 2.3", "3.0");
    assertThat(RecordTemplate.affected(" ")).isEmpty();
    assertThat(RecordTemplate.affected(null)).isEmpty();
  }

  @Test
  void withoutCaseDataTheInitSkeletonIsUnchanged() {
    String yaml = RecordTemplate.of(kase("", "Foo-Bar", null), "CVE-2026-1234");
    assertThat(yaml)
        .isEqualTo(
            RecordStub.yaml(
                CveId.of("CVE-2026-1234"),
                ModuleName.of("Foo::Bar"),
                DistributionName.of("Foo-Bar")));
  }

  @Test
  void aMissingOrMalformedDistributionStaysAPlaceholder() {
    String yaml = RecordTemplate.of(kase("t", "not a dist!", null), "CVE-2026-1234");
    assertThat(yaml).contains("distribution: TODO-Distribution", "module: TODO::Distribution");
  }

  @Test
  void quotesInAffectedVersionsAreEscaped() {
    String yaml = RecordTemplate.of(kase("t", "Foo-Bar", "1.0\"x"), "CVE-2026-1234");
    assertThat(yaml).contains("    - \"1.0\\\"x\"\n");
  }
}
