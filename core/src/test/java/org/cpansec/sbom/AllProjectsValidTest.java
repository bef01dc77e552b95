package org.cpansec.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cpansec.manifest.Datapack;
import org.cpansec.sbom.cyclonedx.CycloneDxWriter;
import org.cpansec.sbom.spdx.SpdxJsonWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every project of the data pack, with its findings, gives schema-valid CycloneDX and SPDX. */
class AllProjectsValidTest {
  private static final SbomSchemas CDX = SbomSchemas.cycloneDx(true);
  private static final SbomSchemas SPDX = SbomSchemas.spdx();

  static Stream<String> projects() throws IOException {
    try (Stream<Path> list = Files.list(Datapack.path("projects"))) {
      return list
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("projects")
  void cycloneDxAndSpdxAreValid(String project) {
    SbomDocument doc = Projects.sbom(project, true);
    assertThat(doc.components()).isNotEmpty();
    assertThat(CDX.errors(new CycloneDxWriter(CycloneDxWriter.Encoding.JSON).write(doc))).isEmpty();
    assertThat(SPDX.errors(new SpdxJsonWriter().write(doc))).isEmpty();
  }
}
