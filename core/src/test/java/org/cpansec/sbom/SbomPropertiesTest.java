package org.cpansec.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.packageurl.PackageURL;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cpansec.audit.AuditReport;
import org.cpansec.audit.Finding;
import org.cpansec.cpan.CpanPurl;
import org.cpansec.manifest.Datapack;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.sbom.CycloneDxJsonExtractor;
import org.cpansec.manifest.sbom.CycloneDxXmlExtractor;
import org.cpansec.manifest.sbom.SpdxJsonExtractor;
import org.cpansec.manifest.snapshot.SnapshotExtractor;
import org.cpansec.sbom.cyclonedx.CycloneDxWriter;
import org.cpansec.sbom.spdx.SpdxJsonWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every SBOM of a real project must satisfy, beyond its schema. */
class SbomPropertiesTest {
  private static final String PROJECT = "metacpan__metacpan-api";

  @Test
  void everyPurlRoundTripsThroughPackageUrlJavaAndNamesAnAuthorAndADistribution() throws Exception {
    SbomDocument doc = Projects.sbom(PROJECT, false);
    List<SbomComponent> withPurl =
        doc.components().stream().filter(c -> c.purl().isPresent()).toList();
    assertThat(withPurl).hasSizeGreaterThan(300);
    for (SbomComponent c : withPurl) {
      String purl = c.purl().orElseThrow();
      PackageURL parsed = new PackageURL(purl);
      assertThat(parsed.canonicalize()).isEqualTo(purl);
      assertThat(parsed.getType()).isEqualTo("cpan");
      assertThat(parsed.getName()).isEqualTo(c.name()).doesNotContain("::");
      assertThat(parsed.getNamespace()).matches("[A-Z][A-Z0-9-]+");
      assertThat(parsed.getVersion()).isEqualTo(c.version().orElseThrow());
      CpanPurl ours = CpanPurl.parse(purl);
      assertThat(ours.distribution().orElseThrow().value()).isEqualTo(c.name());
    }
  }

  @Test
  void everyLicenceExpressionUsesOnlyIdsOfTheSpdxListOrLicenseRefs() throws IOException {
    JsonNode spdx =
        new ObjectMapper()
            .readTree(Datapack.path("schemas/cyclonedx-1.6/spdx.schema.json").toFile());
    Set<String> ids = new HashSet<>();
    spdx.get("enum").forEach(n -> ids.add(n.asText()));
    for (String name : SpdxLicense.knownNames()) {
      String expression = SpdxLicense.of(name).orElseThrow();
      assertThat(expression).matches("[A-Za-z0-9.+-]+( (OR|AND) [A-Za-z0-9.+-]+)*");
      for (String token : expression.split(" ")) {
        if (!token.equals("OR") && !token.equals("AND") && !token.startsWith("LicenseRef-")) {
          assertThat(ids).as("%s (from %s)", token, name).contains(token);
        }
      }
    }
    assertThat(SpdxLicense.of("perl_5")).contains("Artistic-1.0-Perl OR GPL-1.0-or-later");
    assertThat(SpdxLicense.ofAll(List.of("perl_5", "mit")))
        .contains("(Artistic-1.0-Perl OR GPL-1.0-or-later) OR MIT");
    assertThat(SpdxLicense.ofAll(List.of("mit", "unknown"))).isEmpty();
  }

  @Test
  void auditingOurOwnSbomGivesTheFindingsOfAuditingTheSnapshot(@TempDir Path tmp)
      throws IOException {
    ExtractContext context = ExtractContext.defaults();
    Manifest snapshot =
        new SnapshotExtractor().extract(Datapack.project(PROJECT + "/cpanfile.snapshot"), context);
    Set<String> expected = findings(Projects.audit(List.of(snapshot)));
    assertThat(expected).isNotEmpty();
    SbomDocument doc = Projects.sbom(PROJECT, false);
    Path cdx = tmp.resolve("bom.json");
    Files.writeString(cdx, new CycloneDxWriter(CycloneDxWriter.Encoding.JSON).write(doc));
    Path spdx = tmp.resolve("bom.spdx.json");
    Files.writeString(spdx, new SpdxJsonWriter().write(doc));
    assertThat(
            findings(Projects.audit(List.of(new CycloneDxJsonExtractor().extract(cdx, context)))))
        .isEqualTo(expected);
    assertThat(findings(Projects.audit(List.of(new SpdxJsonExtractor().extract(spdx, context)))))
        .isEqualTo(expected);
    Path xml = tmp.resolve("bom.xml");
    Files.writeString(xml, new CycloneDxWriter(CycloneDxWriter.Encoding.XML).write(doc));
    assertThat(findings(Projects.audit(List.of(new CycloneDxXmlExtractor().extract(xml, context)))))
        .isEqualTo(expected);
  }

  private static Set<String> findings(AuditReport report) {
    Set<String> out = new HashSet<>();
    for (Finding f : report.findings()) {
      for (var a : f.advisories()) {
        out.add(
            f.kind().label()
                + " "
                + f.distribution()
                + " "
                + f.dependency().version().written()
                + " "
                + a.id());
      }
    }
    return out;
  }

  @Test
  void cartonsCacheAndInstallRecordsGiveTheSha256LicenceAndRepository(@TempDir Path project)
      throws IOException {
    Files.writeString(
        project.resolve("cpanfile.snapshot"),
        "# carton snapshot format: version 1.0\n"
            + "DISTRIBUTIONS\n"
            + "  Try-Tiny-0.31\n"
            + "    pathname: E/ET/ETHER/Try-Tiny-0.31.tar.gz\n"
            + "    provides:\n"
            + "      Try::Tiny 0.31\n"
            + "    requirements:\n"
            + "      perl 5.006\n");
    Path tarball = project.resolve("local/cache/authors/id/E/ET/ETHER/Try-Tiny-0.31.tar.gz");
    Files.createDirectories(tarball.getParent());
    // FIPS 180-2's first example: SHA-256("abc").
    Files.writeString(tarball, "abc");
    Path meta = project.resolve("local/lib/perl5/x86_64-linux/.meta/Try-Tiny-0.31/MYMETA.json");
    Files.createDirectories(meta.getParent());
    Files.writeString(
        meta,
        "{\"name\":\"Try-Tiny\",\"version\":\"0.31\",\"abstract\":\"Minimal try/catch with proper"
            + " preservation of $@\",\"license\":[\"mit\"],\"meta-spec\":{\"version\":2},"
            + "\"resources\":{\"repository\":{\"url\":\"https://github.com/p5sagit/Try-Tiny.git\","
            + "\"type\":\"git\"}}}");
    Manifest m =
        new SnapshotExtractor()
            .extract(project.resolve("cpanfile.snapshot"), ExtractContext.defaults());
    SbomComponent c =
        SbomBuilder.build(List.of(m), new SbomBuilder.Options("p", "test", true), Optional.empty())
            .document()
            .components()
            .get(0);
    assertThat(c.sha256())
        .contains("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(c.purl()).contains("pkg:cpan/ETHER/Try-Tiny@0.31");
    assertThat(c.provides()).containsExactly("Try::Tiny");
    assertThat(c.license()).contains("MIT");
    assertThat(c.links())
        .contains(
            new SbomLink(SbomLink.Kind.REPOSITORY, "https://github.com/p5sagit/Try-Tiny.git"));
  }

  @Test
  void theSnapshotGraphLinksADistributionToTheOneProvidingEachRequiredModule() {
    SbomDocument doc = Projects.sbom(PROJECT, false);
    String plack =
        doc.components().stream()
            .filter(c -> c.name().equals("Plack"))
            .findFirst()
            .orElseThrow()
            .ref();
    List<String> deps = doc.dependsOn().get(plack);
    assertThat(deps).anyMatch(r -> r.startsWith("pkg:cpan/") && r.contains("/HTTP-Message@"));
    assertThat(deps).noneMatch(r -> r.contains("::"));
    assertThat(doc.dependsOn().get(doc.root().ref())).contains(plack);
  }

  @Test
  void reproducibleDocumentsAreIdenticalAndOthersAreNot() {
    var writer = new CycloneDxWriter(CycloneDxWriter.Encoding.JSON);
    assertThat(writer.write(Projects.sbom(PROJECT, false)))
        .isEqualTo(writer.write(Projects.sbom(PROJECT, false)));
    var manifests = Projects.manifests(PROJECT);
    var options = new SbomBuilder.Options(PROJECT, "test", false);
    assertThat(SbomBuilder.build(manifests, options, Optional.empty()).document().stamp().serial())
        .isNotEqualTo(
            SbomBuilder.build(manifests, options, Optional.empty()).document().stamp().serial());
  }
}
