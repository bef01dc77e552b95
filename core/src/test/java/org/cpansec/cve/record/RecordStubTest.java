package org.cpansec.cve.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cpansec.cve.lint.Lint;
import org.cpansec.cve.lint.LintFinding;
import org.cpansec.testing.Golden;
import org.junit.jupiter.api.Test;

class RecordStubTest {
  private static final CveId CVE = CveId.of("CVE-2026-1234");
  private static final ModuleName MODULE = ModuleName.of("Crypt::Random::Thing");

  @Test
  void distributionIsTheModuleWithDashes() {
    assertThat(RecordStub.distributionOf(MODULE).value()).isEqualTo("Crypt-Random-Thing");
  }

  @Test
  void stubMatchesItsGoldenFile() {
    Golden.assertMatches(
        "cve/golden",
        "stub/CVE-2026-1234.yaml",
        RecordStub.yaml(CVE, MODULE, RecordStub.distributionOf(MODULE)));
  }

  @Test
  void stubCannotBeReadUntilTheAffectedRangeIsFilledIn() {
    String yaml = RecordStub.yaml(CVE, MODULE, RecordStub.distributionOf(MODULE));
    assertThatThrownBy(() -> CnaRecordReader.read("stub.yaml", yaml))
        .isInstanceOfSatisfying(
            InvalidRecordException.class,
            e -> {
              assertThat(e.problems()).hasSize(1);
              RecordProblem p = e.problems().get(0);
              assertThat(p.message()).startsWith("cpansec.affected.0: 'TODO'");
              assertThat(p.position().line()).isEqualTo(lineOf(yaml, "- \"TODO\""));
            });
  }

  @Test
  void placeholdersAreFlaggedByTheLintOnceTheRangeIsSet() throws Exception {
    String yaml =
        RecordStub.yaml(CVE, MODULE, DistributionName.of("Crypt-Thing"))
            .replace("- \"TODO\"", "- \"< 1.5\"");
    LoadedRecord r = CnaRecordReader.read("stub.yaml", yaml);
    assertThat(r.record().distribution().value()).isEqualTo("Crypt-Thing");
    assertThat(r.record().module()).isEqualTo(MODULE);
    List<LintFinding> placeholder =
        Lint.standard().run(r).stream()
            .filter(f -> f.rule().equals("placeholder_content"))
            .toList();
    assertThat(placeholder).hasSize(1);
    assertThat(placeholder.get(0).message())
        .contains("author", "repo", "title", "description", "references");
    assertThat(placeholder.get(0).blocks(false)).isTrue();
  }

  private static int lineOf(String text, String needle) {
    int line = 1;
    for (String l : text.split("\n", -1)) {
      if (l.contains(needle)) {
        return line;
      }
      line++;
    }
    throw new AssertionError(needle + " not in stub");
  }
}
