package org.cpansec.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.installed.InstalledTrees;
import org.cpansec.sbom.cyclonedx.CycloneDxWriter;
import org.cpansec.sbom.spdx.SpdxJsonWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An installed tree: cpanm's install record names the release; a lone module stays a module. */
class InstalledTreeSbomTest {

  @Test
  void anInstallRecordGivesAPurlAndALoneModuleStaysAModule(@TempDir Path lib) throws IOException {
    Path record = lib.resolve("x86_64-linux/.meta/Try-Tiny-0.31/install.json");
    Files.createDirectories(record.getParent());
    Files.writeString(
        record,
        "{\"name\":\"Try-Tiny\",\"version\":\"0.31\",\"pathname\":\"E/ET/ETHER/Try-Tiny-0.31.tar.gz\","
            + "\"provides\":{\"Try::Tiny\":{\"version\":\"0.31\",\"file\":\"lib/Try/Tiny.pm\"}}}");
    Files.createDirectories(lib.resolve("Try"));
    Files.writeString(
        lib.resolve("Try/Tiny.pm"), "package Try::Tiny;\nour $VERSION = '0.31';\n1;\n");
    Files.createDirectories(lib.resolve("Lone"));
    Files.writeString(
        lib.resolve("Lone/Mod.pm"), "package Lone::Mod;\nour $VERSION = '2.5';\n1;\n");
    Manifest m = InstalledTrees.scan(List.of(lib), ExtractContext.defaults(), (d, t, f) -> {});
    SbomDocument doc =
        SbomBuilder.build(
                List.of(m), new SbomBuilder.Options("installed", "test", true), Optional.empty())
            .document();
    assertThat(doc.components())
        .extracting(SbomComponent::ref)
        .containsExactlyInAnyOrder("pkg:cpan/ETHER/Try-Tiny@0.31", "cpan-module:Lone::Mod@2.5");
    SbomComponent lone =
        doc.components().stream()
            .filter(c -> c.name().equals("Lone::Mod"))
            .findFirst()
            .orElseThrow();
    assertThat(lone.purl()).isEmpty();
    assertThat(lone.version()).contains("2.5");
    assertThat(
            SbomSchemas.cycloneDx(true)
                .errors(new CycloneDxWriter(CycloneDxWriter.Encoding.JSON).write(doc)))
        .isEmpty();
    assertThat(SbomSchemas.spdx().errors(new SpdxJsonWriter().write(doc))).isEmpty();
  }
}
