package org.cpansec.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.cpan.CoreModules;
import org.cpansec.cpan.ModuleName;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.Phase;
import org.cpansec.manifest.Relationship;
import org.cpansec.manifest.SourceLocation;
import org.cpansec.manifest.VersionSpec;
import org.cpansec.version.VersionRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagesIndexTest {

  @TempDir Path dir;

  @Test
  void readsTheRealFakeCpanIndex() throws Exception {
    PackagesIndex index =
        PackagesIndex.read(
            Path.of(
                getClass()
                    .getResource(
                        "/datapack/perl-version/metacpan-api-fakecpan-02packages.details.txt")
                    .toURI()));
    assertThat(index.size() + index.unreadableLines()).isEqualTo(52);
    assertThat(index.headerProblem()).isEmpty();
    assertThat(index.distributionOf("Binary::Data::WithPod")).contains("Binary-Data");
    assertThat(index.distributionOf("File::lib::File::Duplicates")).contains("File-Duplicates");
    assertThat(index.distributionOf("No::Such::Module")).isEmpty();
  }

  @Test
  void unreadableLinesAreCountedWithTheirLineNumbersAndATruncatedFileIsNoticed() throws Exception {
    Path gz = dir.resolve("upload.bin");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(
          ("File: 02packages.details.txt\nLine-Count: 5\n\n"
                  + "HTTP::Tiny 0.086  D/DA/DAGOLDEN/HTTP-Tiny-0.086.tar.gz\n"
                  + "Half::Line 1.0\n"
                  + "Odd::Path 1.0  somewhere/Odd-Path-1.0.tar.gz\n")
              .getBytes(StandardCharsets.UTF_8));
    }

    PackagesIndex index = PackagesIndex.read(gz);

    assertThat(index.modules()).containsExactly(java.util.Map.entry("HTTP::Tiny", "HTTP-Tiny"));
    assertThat(index.unreadableLines()).isEqualTo(2);
    assertThat(index.problems()).extracting(p -> p.location().line()).containsExactly(5, 6);
    assertThat(index.problems().get(0).message())
        .isEqualTo(
            "expected 'Module::Name version A/AU/AUTHOR/Dist-Name-1.23.tar.gz', found 'Half::Line"
                + " 1.0'");
    assertThat(index.problems().get(1).message()).startsWith("Odd::Path: not a CPAN pathname");
    assertThat(index.headerProblem())
        .hasValueSatisfying(
            p ->
                assertThat(p.message()).contains("Line-Count: 5 but the file has 3 package lines"));
  }

  @Test
  void aGzippedIndexMapsAModuleNoOtherIndexKnows() throws Exception {
    Path gz = dir.resolve("02packages.details.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(
          ("File: 02packages.details.txt\nLine-Count: 1\n\n"
                  + "Acme::Shipped::Inside::Tiny 0.01  D/DA/DAGOLDEN/HTTP-Tiny-0.086.tar.gz\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    AdvisoryDatabase db =
        AdvisoryDatabase.load(
            Path.of(
                getClass()
                    .getResource("/datapack/advisory-db/cpan-security-advisory.json")
                    .toURI()));
    Dependency dep =
        Dependency.module(
            ModuleName.of("Acme::Shipped::Inside::Tiny"),
            new VersionSpec.Requirement(VersionRange.parseRequirement("0")),
            Phase.RUNTIME,
            Relationship.REQUIRES,
            Optional.empty(),
            SourceLocation.of(dir.resolve("cpanfile"), 1, 1));
    Manifest m =
        new Manifest(
            dir.resolve("cpanfile"),
            "cpanfile",
            Optional.empty(),
            List.of(dep),
            List.of(),
            List.of());
    Auditor auditor = new Auditor(db, CoreModules.bundled());

    AuditReport without = auditor.audit(List.of(m), AuditOptions.defaults());
    assertThat(without.findings()).isEmpty();
    assertThat(without.unresolvedModules()).containsExactly("Acme::Shipped::Inside::Tiny");

    AuditReport with =
        auditor.audit(
            List.of(m),
            new AuditOptions(
                Optional.empty(), Optional.of(PackagesIndex.read(gz)), Exclusions.NONE));
    assertThat(with.findings()).extracting(Finding::distribution).containsExactly("HTTP-Tiny");
    assertThat(with.findings().get(0).resolvedBy()).contains("CPAN packages index");
  }
}
