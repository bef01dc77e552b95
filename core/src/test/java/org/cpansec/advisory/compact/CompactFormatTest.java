package org.cpansec.advisory.compact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.AdvisoryFormatException;
import org.cpansec.advisory.AdvisoryRange;
import org.junit.jupiter.api.Test;

/** The compact form must be the JSON snapshot, only faster to read. */
class CompactFormatTest {
  private static final Path JSON =
      Path.of("src/test/resources/datapack/advisory-db/cpan-security-advisory.json");

  private static List<Object> content(Advisory a) {
    return List.of(
        a.id(),
        a.distribution(),
        a.aliases(),
        texts(a.affected()),
        texts(a.fixed()),
        a.severity(),
        String.valueOf(a.description()),
        a.references(),
        String.valueOf(a.reported()),
        String.valueOf(a.thirdParty()),
        a.credits(),
        a.extra(),
        a.origins().stream().map(o -> o.location()).toList());
  }

  private static List<String> texts(List<AdvisoryRange> ranges) {
    return ranges.stream().map(AdvisoryRange::text).toList();
  }

  @Test
  void theBundledCompactFormHoldsWhatTheJsonHolds() throws Exception {
    AdvisoryDatabase json = AdvisoryDatabase.load(JSON);
    AdvisoryDatabase compact = AdvisoryDatabase.bundled();
    assertThat(compact.all().stream().map(CompactFormatTest::content).toList())
        .isEqualTo(json.all().stream().map(CompactFormatTest::content).toList());
    assertThat(compact.module2dist()).isEqualTo(json.module2dist());
    assertThat(compact.mainModules()).isEqualTo(json.mainModules());
    assertThat(compact.distributions()).isEqualTo(json.distributions());
    for (String d : json.distributions()) {
      assertThat(compact.releases(d)).as(d).isEqualTo(json.releases(d));
    }
    assertThat(compact.lintCounts()).isEqualTo(json.lintCounts());
    assertThat(compact.source().commit()).isEqualTo(json.source().commit());
    assertThat(compact.source().generatedAt()).isEqualTo(json.source().generatedAt());
  }

  @Test
  void aTruncatedFileIsAFormatErrorNotAnIndexError() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompactWriter.write(AdvisoryDatabase.bundled(), out);
    byte[] cut = Arrays.copyOf(out.toByteArray(), 5000);
    assertThatThrownBy(() -> CompactReader.read(new ByteArrayInputStream(cut), "cut.bin"))
        .isInstanceOf(AdvisoryFormatException.class)
        .hasMessageContaining("cut.bin")
        .hasMessageContaining("truncated");
    assertThatThrownBy(
            () ->
                CompactReader.read(
                    new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), "x"))
        .isInstanceOf(AdvisoryFormatException.class)
        .hasMessageContaining("not a compact advisory database");
  }
}
