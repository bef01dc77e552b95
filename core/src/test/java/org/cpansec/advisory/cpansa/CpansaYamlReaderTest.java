package org.cpansec.advisory.cpansa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryBatch;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.AdvisoryFormatException;
import org.cpansec.advisory.AdvisoryRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpansaYamlReaderTest {
  private static final Path DIR = Path.of("src/test/resources/datapack/advisory-db/cpansa");

  @Test
  void readsEveryEntryOfTheTwelveSourceFilesWithTheirLines() throws Exception {
    AdvisoryBatch batch = new CpansaYamlReader().read(DIR);
    assertThat(batch.entries()).hasSize(110);
    Advisory plack =
        batch.entries().stream()
            .filter(a -> a.id().equals("CPANSA-Plack-2014-0801"))
            .findFirst()
            .orElseThrow();
    assertThat(plack.distribution()).isEqualTo("Plack");
    assertThat(plack.origin().toString()).endsWith("CPANSA-Plack.yml:line 14");
    assertThat(plack.affected()).extracting(AdvisoryRange::text).containsExactly("<1.0031");
    Advisory xs =
        batch.entries().stream()
            .filter(a -> a.id().equals("CPANSA-Plack-2026-7381"))
            .findFirst()
            .orElseThrow();
    assertThat(xs.aliases()).containsExactly("CVE-2026-7381", "GHSA-j2f5-52cv-9wrh");
  }

  @Test
  void yamlSourcesAndTheGeneratedJsonAgreeOnRanges() throws Exception {
    AdvisoryDatabase json = AdvisoryDatabase.bundled();
    for (Advisory y : new CpansaYamlReader().read(DIR).entries()) {
      List<Advisory> same =
          json.findAll(y.id()).stream()
              .filter(a -> a.distribution().equals(y.distribution()))
              .toList();
      assertThat(same).as(y.id()).isNotEmpty();
      assertThat(same.get(0).affected()).as(y.id()).containsAll(y.affected());
    }
  }

  @Test
  void anEntryWithoutIdIsAnErrorWithFileAndLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("CPANSA-Foo.yml");
    Files.writeString(f, "---\ndistribution: Foo\nadvisories:\n- affected_versions: ['<1']\n");
    assertThatThrownBy(() -> new CpansaYamlReader().read(f))
        .isInstanceOf(AdvisoryFormatException.class)
        .hasMessage(f + ":line 4: advisory without an 'id' string");
  }
}
