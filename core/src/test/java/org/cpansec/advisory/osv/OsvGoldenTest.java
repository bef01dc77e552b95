package org.cpansec.advisory.osv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cpansec.advisory.AdvisoryDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden OSV records: an exact-events range with known releases, and an embedded-library advisory
 * whose releases include a version shipped twice (on CPAN and with perl), listed once.
 */
class OsvGoldenTest {
  private static final Map<String, com.fasterxml.jackson.databind.node.ObjectNode> RECORDS =
      new OsvWriter().records(AdvisoryDatabase.bundled());

  @ParameterizedTest
  @ValueSource(strings = {"CPANSA-Authen-SASL-2025-40918", "CPANSA-Compress-Raw-Zlib-2026-4176"})
  void recordMatchesItsGoldenFile(String id) throws Exception {
    String golden = Files.readString(Path.of("src/test/resources/golden/osv/" + id + ".json"));
    String actual =
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(RECORDS.get(id));
    assertThat(actual.strip()).isEqualTo(golden.strip());
  }
}
