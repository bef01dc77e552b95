package org.cpansec.manifest.cpanfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.cpansec.manifest.Datapack;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.Phase;
import org.cpansec.manifest.Problem;
import org.cpansec.manifest.Relationship;
import org.cpansec.manifest.VersionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every cpanfile of the data pack, with what it yields pinned. The counts agree with an independent
 * count of lines starting with a requires-like keyword (grep -cE
 * '^\\s*(requires|recommends|...)\\b'), minus the one {@code $^O eq 'MSWin32'} branch of Filesys-DB
 * that does not apply on linux.
 */
class CpanfileDatapackTest {
  private final CpanfileExtractor extractor = new CpanfileExtractor();

  private Manifest read(String project) {
    return extractor.extract(Datapack.project(project), ExtractContext.defaults());
  }

  @ParameterizedTest
  @CsvSource({
    "CPAN-Security__cna-tool/cpanfile, 7, 0",
    "Clinical-Genomics__MIP/cpanfile, 27, 0",
    "Code-Hex__p5-List-Flatten-XS/cpanfile, 5, 0",
    "Corion__Filesys-DB/cpanfile, 25, 0",
    "DK-Hostmaster__rdap-demo-client-mojolicious/cpanfile, 10, 0",
    "Getty__p5-app-raider/cpanfile, 27, 0",
    "GlobalNOC__tsds-services/cpanfile, 44, 0",
    "HKS3__HKS3-Koha-Tools/cpanfile, 15, 0",
    "LibreCat__LibreCat/cpanfile, 115, 0",
    "Perl-Critic__Perl-Critic/cpanfile, 52, 0",
    "PerlDancer__Dancer2/cpanfile, 91, 0",
    "briandfoy__cpan-audit/cpanfile, 19, 1",
    "briandfoy__cpan-audit/t/data/cpanfiles/cpanfile, 2, 0",
    "briandfoy__cpan-audit/t/data/queried_modules/cpanfile, 3, 0",
    "bugzilla__harmony/cpanfile, 104, 0",
    "ledgersmb__LedgerSMB/cpanfile, 221, 0",
    "libwww-perl__libwww-perl/cpanfile, 60, 0",
    "metacpan__metacpan-api/cpanfile, 145, 0",
    "metacpan__metacpan-ingest/cpanfile, 41, 0",
    "metacpan__metacpan-web/cpanfile, 88, 0",
    "miyagawa__cpanminus/App-cpanminus/cpanfile, 16, 0",
    "miyagawa__cpanminus/App-cpanminus/fatpack-build/cpanfile, 39, 0",
    "miyagawa__cpanminus/App-cpanminus/testdist/cpanfile_app/cpanfile, 4, 0",
    "miyagawa__cpanminus/App-cpanminus/testdist/cpanfile_bad_app/cpanfile, 0, 1",
    "miyagawa__cpanminus/App-cpanminus/testdist/cpanfile_dist/cpanfile, 4, 0",
    "miyagawa__cpanminus/App-cpanminus/testdist/cpanfile_non_resolvable/cpanfile, 2, 0",
    "miyagawa__cpanminus/App-cpanminus/testdist/cpanfile_pin/cpanfile, 4, 0",
    "miyagawa__cpanminus/App-cpanminus/testdist/cpanfile_pin_core/cpanfile, 2, 0",
    "openxpki__openxpki/tools/docker-test/cpanfile, 76, 0",
    "os-autoinst__openQA/cpanfile, 118, 0",
    "perl5-dbi__dbi/cpanfile, 13, 0",
    "plack__Plack/cpanfile, 41, 0",
  })
  void readsEveryRealCpanfile(String file, int dependencies, int problems) {
    Manifest m = read(file);
    assertThat(m.dependencies()).hasSize(dependencies);
    assertThat(m.problems()).hasSize(problems);
  }

  @Test
  void osConditionTakesTheBranchForTheTargetOs() {
    Manifest linux = read("Corion__Filesys-DB/cpanfile");
    assertThat(linux.dependencies())
        .extracting(Dependency::name)
        .contains("File::ChangeNotify")
        .doesNotContain("Filesys::Notify::Win32::ReadDirectoryChanges");
    Manifest windows =
        extractor.extract(
            Datapack.project("Corion__Filesys-DB/cpanfile"),
            ExtractContext.defaults()
                .withTarget(ExtractContext.defaults().targetPerl(), "MSWin32"));
    assertThat(windows.dependencies())
        .extracting(Dependency::name)
        .contains("Filesys::Notify::Win32::ReadDirectoryChanges")
        .doesNotContain("File::ChangeNotify");
    Dependency posix = find(linux, "POSIX");
    assertThat(posix.version().written()).isEqualTo(">= 1.94");
    assertThat(posix.source().line()).isEqualTo(1);
  }

  @Test
  void nestedFeatureInsideDevelopKeepsPhaseFeatureAndRelationship() {
    Manifest m = read("ledgersmb__LedgerSMB/cpanfile");
    Dependency nytprof = find(m, "Devel::NYTProf");
    assertThat(nytprof.phase()).isEqualTo(Phase.DEVELOP);
    assertThat(nytprof.feature()).contains("debug");
    assertThat(nytprof.relationship()).isEqualTo(Relationship.RECOMMENDS);
    assertThat(nytprof.source().line()).isEqualTo(258);
    assertThat(find(m, "Starman").feature()).contains("starman");
  }

  @Test
  void conflictsKeepTheirExactRange() {
    Manifest m = read("PerlDancer__Dancer2/cpanfile");
    List<Dependency> pluggable =
        m.dependencies().stream().filter(d -> d.name().equals("Module::Pluggable")).toList();
    assertThat(pluggable)
        .extracting(d -> d.relationship(), d -> d.version().written())
        .contains(
            org.assertj.core.groups.Tuple.tuple(Relationship.CONFLICTS, "== 6.1"),
            org.assertj.core.groups.Tuple.tuple(Relationship.CONFLICTS, "== 6.2"));
  }

  @Test
  void qwListsAndBarePhasesAreRead() {
    Dependency diver = find(read("Clinical-Genomics__MIP/cpanfile"), "Data::Diver");
    assertThat(diver.version().written()).isEqualTo("1.0101");
    assertThat(find(read("Clinical-Genomics__MIP/cpanfile"), "Test::Trap").version().written())
        .isEqualTo("0");
    Manifest plack = read("plack__Plack/cpanfile");
    assertThat(plack.dependencies()).anySatisfy(d -> assertThat(d.phase()).isEqualTo(Phase.TEST));
  }

  @Test
  void distOptionsDoNotBecomeVersions() {
    Manifest m = read("miyagawa__cpanminus/App-cpanminus/testdist/cpanfile_dist/cpanfile");
    assertThat(find(m, "Path::Class").version().written()).isEqualTo("0.26");
    assertThat(find(m, "Hash::MultiValue").version().written()).isEqualTo("0");
    assertThat(find(m, "Try::Tiny").version().written()).isEqualTo("0.28");
  }

  @Test
  void unknownPhaseAndUnknownStatementAreReportedWithLineAndColumn() {
    Manifest audit = read("briandfoy__cpan-audit/cpanfile");
    Problem phase = audit.problems().get(0);
    assertThat(phase.location().line()).isEqualTo(22);
    assertThat(phase.message()).contains("unknown phase 'development'");
    assertThat(audit.dependencies().stream().filter(d -> d.source().line() > 22))
        .allSatisfy(d -> assertThat(d.version()).isInstanceOf(VersionSpec.Unknown.class));
    Manifest bad = read("miyagawa__cpanminus/App-cpanminus/testdist/cpanfile_bad_app/cpanfile");
    assertThat(bad.problems().get(0).toString())
        .endsWith(
            "cpanfile:1:1: unknown statement 'foobar'"
                + " (expected requires, recommends, suggests, conflicts, *_requires, on, feature, osname,"
                + " mirror, if, unless)");
  }

  private static Dependency find(Manifest m, String module) {
    Optional<Dependency> d =
        m.dependencies().stream().filter(x -> x.name().equals(module)).findFirst();
    return d.orElseThrow(() -> new AssertionError(module + " not found"));
  }
}
