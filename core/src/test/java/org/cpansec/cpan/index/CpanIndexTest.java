package org.cpansec.cpan.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cpansec.audit.PackagesIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpanIndexTest {
  @TempDir Path dir;

  static Path fakeCpanPackages() throws Exception {
    return Path.of(
        CpanIndexTest.class
            .getResource("/datapack/perl-version/metacpan-api-fakecpan-02packages.details.txt")
            .toURI());
  }

  private static List<String> names(List<Dependent> ds) {
    return ds.stream().map(Dependent::distribution).toList();
  }

  @Test
  void theRealFakeCpanIndexResolvesModulesToDistributionsWhoseNamesDiffer() throws Exception {
    // Releases of MetaCPAN's test CPAN, with prerequisites naming its modules (not its dists).
    Path dump = dir.resolve("fakecpan.jsonl");
    Files.writeString(
        dump,
        """
        {"distribution":"Multiple-Modules-RDeps","version":"2.03","prereqs":{"runtime":{"requires":{"Multiple::Modules":"1.01"}}}}
        {"distribution":"Multiple-Modules-RDeps-A","version":"2.03","prereqs":{"runtime":{"requires":{"Multiple::Modules::RDeps":"0"}}}}
        {"distribution":"Multiple-Modules-Tester","version":"0.96","prereqs":{"test":{"requires":{"Multiple::Modules":"0"}}}}
        {"distribution":"Fav-Dist","version":"2.00","prereqs":{"runtime":{"requires":{"File::lib::File::Duplicates":"0","Binary::Data::WithPod":"0","perl":"5.008"}}}}
        {"distribution":"Fav-DistB","version":"1.00","prereqs":{"runtime":{"requires":{"Fav::Dist":"2"}},"develop":{"requires":{"Multiple::Modules":"0"}}}}
        {"distribution":"Fav-DistC","version":"1.00","prereqs":{"runtime":{"recommends":{"Multiple::Modules":"0"},"requires":{"Not::On::FakeCpan":"0"}}}}
        """);

    CpanIndex index = CpanIndex.read(fakeCpanPackages(), dump);

    assertThat(index.modules()).hasSize(52);
    assertThat(index.packagesRejected()).isZero();
    assertThat(index.rejected()).isEmpty();
    assertThat(index.warnings()).isEmpty();
    assertThat(index.modules()).containsEntry("File::lib::File::Duplicates", "File-Duplicates");
    assertThat(index.releases()).hasSize(6);
    assertThat(index.requirements()).isEqualTo(10);
    assertThat(index.unresolvedModules()).isEqualTo(1);

    DependencyGraph g = index.graph();
    Downstream mm = g.downstreamOf("Multiple-Modules");
    assertThat(names(mm.runtime()))
        .containsExactly("Multiple-Modules-RDeps", "Multiple-Modules-RDeps-A");
    assertThat(mm.runtime().get(1).path())
        .containsExactly("Multiple-Modules", "Multiple-Modules-RDeps", "Multiple-Modules-RDeps-A");
    assertThat(names(mm.buildTest())).containsExactly("Multiple-Modules-Tester");

    Downstream dup = g.downstreamOf("File-Duplicates");
    assertThat(names(dup.runtime())).containsExactly("Fav-Dist", "Fav-DistB");
    assertThat(dup.runtime().get(0).steps().get(0).modules())
        .containsExactly("File::lib::File::Duplicates");
    assertThat(names(g.downstreamOf("Binary-Data").runtime()))
        .containsExactly("Fav-Dist", "Fav-DistB");
    assertThat(g.downstreamOf("perl").total()).isZero();
    assertThat(g.downstreamOf("Moose").known()).isTrue();
    assertThat(g.downstreamOf("Moose").total()).isZero();
    assertThat(g.downstreamOf("Not-On-FakeCpan").known()).isFalse();
  }

  @Test
  void theRealMetaFilesOfTheDataPackGiveTheirReverseDependencies() throws Exception {
    // Which distribution ships each module those META files require (as on CPAN).
    Path packages = dir.resolve("02packages.details.txt");
    Files.writeString(
        packages,
        """
        File:         02packages.details.txt
        Line-Count:   9

        HTTP::Message        6.46  O/OA/OALDERS/HTTP-Message-6.46.tar.gz
        HTTP::Request        6.46  O/OA/OALDERS/HTTP-Message-6.46.tar.gz
        HTTP::Headers        6.46  O/OA/OALDERS/HTTP-Message-6.46.tar.gz
        Try::Tiny            0.31  E/ET/ETHER/Try-Tiny-0.31.tar.gz
        LWP::UserAgent       6.83  O/OA/OALDERS/libwww-perl-6.83.tar.gz
        Plack                1.0054  M/MI/MIYAGAWA/Plack-1.0054.tar.gz
        Test::More           1.302199  E/EX/EXODIST/Test-Simple-1.302199.tar.gz
        Moo                  2.005005  H/HA/HAARG/Moo-2.005005.tar.gz
        ExtUtils::MakeMaker  7.70  B/BI/BINGOS/ExtUtils-MakeMaker-7.70.tar.gz
        """);

    CpanIndex index =
        CpanIndex.of(
            PackagesIndex.read(packages),
            "02packages.details.txt",
            DependencyDump.read(DependencyDumpTest.projects()));
    DependencyGraph g = index.graph();

    Downstream http = g.downstreamOf("HTTP-Message");
    assertThat(names(http.runtime())).containsExactly("libwww-perl", "Plack");
    assertThat(http.runtime().get(0).steps().get(0).modules())
        .containsExactly("HTTP::Message", "HTTP::Request");
    assertThat(names(g.downstreamOf("Try-Tiny").runtime())).containsExactly("libwww-perl", "Plack");
    // Plack only suggests LWP::UserAgent: not a dependent of libwww-perl.
    assertThat(g.downstreamOf("libwww-perl").total()).isZero();
    assertThat(names(g.downstreamOf("Moo").runtime())).containsExactly("Filesys-DB");
    assertThat(names(g.downstreamOf("Test-Simple").buildTest()))
        .containsExactly("App-cpanminus", "Filesys-DB", "libwww-perl", "List-Flatten-XS", "Plack");
    // configure requires count as build/test.
    assertThat(names(g.downstreamOf("ExtUtils-MakeMaker").buildTest()))
        .containsExactly("App-cpanminus", "Filesys-DB", "Image-ExifTool", "libwww-perl", "Plack");
    assertThat(index.unresolvedModules()).isPositive();
  }

  @Test
  void problemsOfBothFilesAreReportedWithTheirLinesAndCounted() throws Exception {
    Path packages = dir.resolve("02packages.details.txt");
    Files.writeString(
        packages,
        """
        File:         02packages.details.txt
        Line-Count:   4

        Good::Module   1.0  A/AU/AUTHOR/Good-1.0.tar.gz
        Broken::Line
        Not::Archive   1.0  A/AU/AUTHOR/Thing-1.0.exe
        """);
    Path dump = dir.resolve("dump.jsonl");
    Files.writeString(dump, "{\"distribution\":\"X\",\"version\":\"1\"}\nnope\n");

    CpanIndex index = CpanIndex.read(packages, dump);

    assertThat(index.packagesRejected()).isEqualTo(2);
    assertThat(index.dumpRejected()).isEqualTo(1);
    assertThat(index.rejected())
        .extracting(IndexProblem::toString)
        .satisfiesExactly(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "02packages.details.txt:5: expected 'Module::Name version"
                            + " A/AU/AUTHOR/Dist-Name-1.23.tar.gz', found 'Broken::Line'"),
            p ->
                assertThat(p)
                    .startsWith("02packages.details.txt:6: Not::Archive: CPAN pathname")
                    .contains("not a release archive"),
            p -> assertThat(p).startsWith("dump.jsonl:2: not valid JSON"));
    assertThat(index.warningCount()).isEqualTo(1);
    assertThat(index.warnings().get(0).toString())
        .isEqualTo(
            "02packages.details.txt:2: the header says Line-Count: 4 but the file has 3 package"
                + " lines (truncated or edited?)");
    assertThat(index.modules()).containsOnlyKeys("Good::Module");
  }
}
