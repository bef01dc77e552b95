package org.cpansec.manifest.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cpansec.cpan.DistName;
import org.cpansec.cpan.ModuleName;
import org.cpansec.cpan.PauseId;
import org.cpansec.manifest.Datapack;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.Problem;
import org.cpansec.manifest.ProjectInfo;
import org.cpansec.manifest.UnreadableManifestException;
import org.cpansec.manifest.VersionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomExtractorTest {
  private final ExtractContext ctx = ExtractContext.defaults();

  private static Path fixture(String name) {
    try {
      return Path.of(SbomExtractorTest.class.getResource("/sbom/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void fixturesAreValidAgainstTheOfficialSchemas() throws IOException {
    ObjectMapper json = new ObjectMapper();
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    JsonSchema cdx =
        JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V7,
                b ->
                    b.schemaMappers(
                        m ->
                            m.mapPrefix(
                                "http://cyclonedx.org/schema/",
                                "classpath:datapack/schemas/cyclonedx-1.6/")))
            .getSchema(
                Files.readString(Datapack.path("schemas/cyclonedx-1.6/bom-1.6.schema.json")),
                config);
    assertThat(cdx.validate(json.readTree(fixture("perl-app.cdx.json").toFile()))).isEmpty();
    JsonSchema spdx =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(
                Files.readString(Datapack.path("schemas/spdx-2.3/spdx-schema.json")), config);
    assertThat(spdx.validate(json.readTree(fixture("perl-app.spdx.json").toFile()))).isEmpty();
  }

  @Test
  void cycloneDxJsonGivesAuthorDistributionAndExactVersion() {
    Manifest m = new CycloneDxJsonExtractor().extract(fixture("perl-app.cdx.json"), ctx);
    Dependency plack = m.dependencies().get(0);
    assertThat(plack.distribution()).contains(DistName.of("Plack"));
    assertThat(plack.author()).contains(PauseId.of("MIYAGAWA"));
    assertThat(plack.version()).isInstanceOf(VersionSpec.Exact.class);
    assertThat(plack.version().written()).isEqualTo("1.0047");
    assertThat(plack.source().line()).isEqualTo(17);
    assertThat(m.dependencies())
        .extracting(Dependency::name)
        .containsExactly("Plack", "libwww-perl", "HTTP::Tiny", "Encode", "Bad-Version");
    assertThat(m.dependencies().get(2).module()).contains(ModuleName.of("HTTP::Tiny"));
    assertThat(m.dependencies().get(3).version()).isInstanceOf(VersionSpec.Unknown.class);
    assertThat(m.dependencies().get(4).version()).isInstanceOf(VersionSpec.Unknown.class);
    assertThat(m.problems())
        .extracting(Problem::message)
        .containsExactly(
            "purl pkg:cpan/DANKOGAI/Encode has no version",
            "component 'zlib 1.3.1' is pkg:generic/zlib@1.3.1, not a pkg:cpan package; not audited",
            m.problems().get(2).message());
    assertThat(m.problems().get(2).message()).startsWith("not a Perl version");
    assertThat(m.project()).map(ProjectInfo::name).contains("My-App");
    assertThat(m.project().orElseThrow().licenses()).containsExactly("Artistic-2.0");
  }

  @Test
  void cycloneDxXmlReadsComponentsNotMetadataNorSupplierNames() {
    Manifest m = new CycloneDxXmlExtractor().extract(fixture("perl-app.cdx.xml"), ctx);
    assertThat(m.dependencies())
        .extracting(Dependency::name)
        .containsExactlyInAnyOrder("Plack", "libwww-perl");
    assertThat(m.dependencies())
        .extracting(d -> d.source().line())
        .containsExactlyInAnyOrder(10, 18);
    assertThat(m.problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .isEqualTo("component 'zlib 1.3.1' has no purl; not read as a CPAN package"));
  }

  @Test
  void spdxJsonReadsPurlExternalRefs() {
    Manifest m = new SpdxJsonExtractor().extract(fixture("perl-app.spdx.json"), ctx);
    assertThat(m.dependencies())
        .extracting(d -> d.author().orElseThrow() + "/" + d.name() + "@" + d.version().written())
        .containsExactly("MIYAGAWA/Plack@1.0047", "OALDERS/URI@5.21");
    assertThat(m.problems()).isEmpty();
  }

  @Test
  void officialExamplesWithoutCpanComponentsReportEveryComponent() {
    Manifest cdx =
        new CycloneDxJsonExtractor()
            .extract(Datapack.path("schemas/cyclonedx-1.6/test-vectors/valid-bom-1.6.json"), ctx);
    assertThat(cdx.dependencies()).isEmpty();
    assertThat(cdx.problems())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.message()).containsAnyOf("not a pkg:cpan", "has no purl"));
    Manifest spdx =
        new SpdxJsonExtractor()
            .extract(Datapack.path("schemas/spdx-2.3/SPDXJSONExample-v2.3.spdx.json"), ctx);
    assertThat(spdx.dependencies()).isEmpty();
    assertThat(spdx.problems()).hasSize(4);
  }

  @Test
  void refusesDocumentsOfTheWrongKind(@TempDir Path dir) throws IOException {
    Path notCdx = Files.writeString(dir.resolve("bom.json"), "{\"spdxVersion\": \"SPDX-2.3\"}");
    assertThatThrownBy(() -> new CycloneDxJsonExtractor().extract(notCdx, ctx))
        .isInstanceOf(UnreadableManifestException.class)
        .hasMessageContaining("not a CycloneDX JSON");
    Path xxe =
        Files.writeString(
            dir.resolve("bom.xml"),
            "<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component><name>&x;</name></component></components></bom>");
    assertThatThrownBy(() -> new CycloneDxXmlExtractor().extract(xxe, ctx))
        .isInstanceOf(UnreadableManifestException.class);
  }
}
