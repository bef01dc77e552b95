package org.cpansec.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.cpan.CoreModules;
import org.cpansec.cpan.DistName;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.SourceLocation;
import org.cpansec.manifest.VersionSpec;
import org.cpansec.version.PerlVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnoreFileTest {

  @TempDir Path dir;

  private Path write(String text) throws Exception {
    Path file = dir.resolve(".cpansec-ignore.yml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void readsEntriesWithReasonAndExpiry() throws Exception {
    List<Exclusion> list =
        IgnoreFile.read(
            write(
                "ignore:\n  - id: CVE-2020-1\n    reason: not reachable\n"
                    + "  - id: CPANSA-Foo-2020-01\n    reason: patched locally\n    expires: 2027-01-31\n"));
    assertThat(list).extracting(Exclusion::id).containsExactly("CVE-2020-1", "CPANSA-Foo-2020-01");
    assertThat(list.get(1).expires()).contains(LocalDate.of(2027, 1, 31));
    assertThat(list.get(1).where()).endsWith(".cpansec-ignore.yml:4");
  }

  @Test
  void aReasonIsRequiredAndErrorsNameTheLine() throws Exception {
    Path file = write("ignore:\n  - id: CVE-2020-1\n  - id: CVE-2020-2\n    reason: ok\n");
    assertThatThrownBy(() -> IgnoreFile.read(file))
        .hasMessage(file + ":2: 'CVE-2020-1' needs a 'reason'");
  }

  @Test
  void unknownKeysAndBadDatesAreErrors() throws Exception {
    Path keys = write("ignore:\n  - id: X\n    reason: y\n    until: 2027-01-01\n");
    assertThatThrownBy(() -> IgnoreFile.read(keys)).hasMessageContaining(":4: unknown key 'until'");
    Path date = write("ignore:\n  - id: X\n    reason: y\n    expires: soon\n");
    assertThatThrownBy(() -> IgnoreFile.read(date))
        .hasMessageContaining(":4: 'expires' must be a date");
  }

  @Test
  void readsCpanAuditExcludeFiles() throws Exception {
    Path file = dir.resolve("exclude");
    Files.writeString(file, "# ignored\nCVE-2011-4116\n\nCPANSA-Foo-1 # trailing\n");
    assertThat(IgnoreFile.readIdList(file))
        .extracting(Exclusion::id)
        .containsExactly("CVE-2011-4116", "CPANSA-Foo-1");
  }

  @Test
  void anExpiredExclusionStopsIgnoringAndIsReported() throws Exception {
    AdvisoryDatabase db =
        AdvisoryDatabase.load(
            Path.of(
                getClass()
                    .getResource("/datapack/advisory-db/cpan-security-advisory.json")
                    .toURI()));
    Dependency dep =
        Dependency.distribution(
            DistName.of("File-Temp"),
            Optional.empty(),
            new VersionSpec.Exact(PerlVersion.parse("0.2311")),
            SourceLocation.of(Path.of("x"), 3, 1));
    Manifest m =
        new Manifest(Path.of("x"), "test", Optional.empty(), List.of(dep), List.of(), List.of());
    Auditor auditor = new Auditor(db, CoreModules.bundled());
    LocalDate today = LocalDate.of(2026, 11, 24);
    Exclusion byCve =
        new Exclusion("CVE-2011-4116", "temp dirs are private", Optional.of(today), "f:1");
    AuditReport kept = auditor.audit(List.of(m), withExclusions(List.of(byCve), today));
    assertThat(kept.findings()).isEmpty();
    assertThat(kept.exclusions().used()).containsExactly("CVE-2011-4116");
    AuditReport lapsed =
        auditor.audit(List.of(m), withExclusions(List.of(byCve), today.plusDays(1)));
    assertThat(lapsed.findings())
        .extracting(f -> f.advisories().get(0).id())
        .containsExactly("CPANSA-File-Temp-2011-4116");
    assertThat(lapsed.exclusions().expired()).containsExactly(byCve);
  }

  private static AuditOptions withExclusions(List<Exclusion> list, LocalDate today) {
    return new AuditOptions(Optional.empty(), Optional.empty(), new Exclusions(list, today));
  }
}
