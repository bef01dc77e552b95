package org.cpansec.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.cpansec.sbom.cyclonedx.CycloneDxWriter;
import org.cpansec.sbom.spdx.SpdxJsonWriter;
import org.cpansec.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reproducible SBOMs of real data-pack projects (a snapshot with a cpanfile; META, snapshot and
 * cpanfile; META and cpanfile only; a snapshot with META), each valid against the official schema
 * and equal to its reviewed golden file.
 */
class SbomGoldenTest {
  private static final SbomSchemas CDX = SbomSchemas.cycloneDx(true);
  private static final SbomSchemas SPDX = SbomSchemas.spdx();

  static Stream<String> projects() {
    return Stream.of(
        "metacpan__metacpan-api",
        "Corion__Filesys-DB",
        "libwww-perl__libwww-perl",
        "Code-Hex__p5-List-Flatten-XS");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("projects")
  void cycloneDxJsonIsValidAndMatchesTheGoldenFile(String project) {
    String json =
        new CycloneDxWriter(CycloneDxWriter.Encoding.JSON).write(Projects.sbom(project, false));
    assertThat(CDX.errors(json)).isEmpty();
    Golden.assertMatches("sbom-golden", project + ".cdx.json", json);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("projects")
  void withVulnerabilitiesIsValidAndMatchesTheGoldenFile(String project) {
    SbomDocument doc = Projects.sbom(project, true);
    String json = new CycloneDxWriter(CycloneDxWriter.Encoding.JSON).write(doc);
    assertThat(CDX.errors(json)).isEmpty();
    Golden.assertMatches("sbom-golden", project + ".vex.cdx.json", json);
    String spdx = new SpdxJsonWriter().write(doc);
    assertThat(SPDX.errors(spdx)).isEmpty();
    Golden.assertMatches("sbom-golden", project + ".vex.spdx.json", spdx);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("projects")
  void spdxJsonIsValidAndMatchesTheGoldenFile(String project) {
    String json = new SpdxJsonWriter().write(Projects.sbom(project, false));
    assertThat(SPDX.errors(json)).isEmpty();
    Golden.assertMatches("sbom-golden", project + ".spdx.json", json);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("projects")
  void cycloneDxXmlMatchesTheGoldenFile(String project) {
    String xml =
        new CycloneDxWriter(CycloneDxWriter.Encoding.XML).write(Projects.sbom(project, false));
    Golden.assertMatches("sbom-golden", project + ".cdx.xml", xml);
  }
}
