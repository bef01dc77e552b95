package org.cpansec.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cpansec.manifest.Datapack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves the validator the SBOM tests rely on: the CycloneDX project's own valid-* vectors pass and
 * its invalid-* vectors fail, through exactly the schema set-up the other tests use.
 */
class SchemaVectorsTest {
  private static final SbomSchemas CDX = SbomSchemas.cycloneDx(true);

  static Stream<Path> vectors() throws IOException {
    try (Stream<Path> list = Files.list(Datapack.path("schemas/cyclonedx-1.6/test-vectors"))) {
      return list.sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void validVectorsPassAndInvalidOnesFail(Path vector) throws IOException {
    var errors = CDX.errors(Files.readString(vector));
    if (vector.getFileName().toString().startsWith("valid-")) {
      assertThat(errors).isEmpty();
    } else {
      assertThat(errors).isNotEmpty();
    }
  }

  @Test
  void theTimestampVectorFailsOnlyWithFormatAssertions() throws IOException {
    String doc =
        Files.readString(
            Datapack.path(
                "schemas/cyclonedx-1.6/test-vectors/invalid-metadata-timestamp-1.6.json"));
    assertThat(SbomSchemas.cycloneDx(false).errors(doc)).isEmpty();
    assertThat(CDX.errors(doc)).isNotEmpty();
  }

  @Test
  void theSpdxExampleOfTheSpecIsValid() throws IOException {
    String doc = Files.readString(Datapack.path("schemas/spdx-2.3/SPDXJSONExample-v2.3.spdx.json"));
    assertThat(SbomSchemas.spdx().errors(doc)).isEmpty();
  }
}
