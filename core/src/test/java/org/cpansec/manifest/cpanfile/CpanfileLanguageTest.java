package org.cpansec.manifest.cpanfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.Phase;
import org.cpansec.manifest.Problem;
import org.cpansec.manifest.VersionSpec;
import org.cpansec.version.PerlVersion;
import org.junit.jupiter.api.Test;

/** The language features of the cpanfile DSL, one small text each. */
class CpanfileLanguageTest {
  private static final Path FILE = Path.of("cpanfile");
  private final CpanfileExtractor extractor = new CpanfileExtractor();

  private Manifest parse(String text) {
    return extractor.parse(FILE, text, ExtractContext.defaults());
  }

  private Manifest parse(String text, String perl, String os) {
    return extractor.parse(
        FILE, text, ExtractContext.defaults().withTarget(PerlVersion.parse(perl), os));
  }

  private static List<String> written(Manifest m) {
    return m.dependencies().stream().map(d -> d.name() + " " + d.version().written()).toList();
  }

  @Test
  void quotesAndQuoteLikeOperatorsWithAnyDelimiter() {
    Manifest m =
        parse(
            """
            requires 'A', '1.0';
            requires "B" => "2.0";
            requires q(C), q{>= 3, < 4};
            requires qq[D], qq<5.1>;
            requires qw(E 6);
            requires q!F!, q#7#;
            requires 'G\\'s' if 0;
            requires 'H', "== 1.2";
            """);
    assertThat(written(m))
        .containsExactly("A 1.0", "B 2.0", "C >= 3, < 4", "D 5.1", "E 6", "F 7", "H == 1.2");
    assertThat(m.problems()).isEmpty();
  }

  @Test
  void commentsPodAndEndAreSkipped() {
    Manifest m =
        parse(
            """
            # requires 'Commented';
            requires 'A'; # trailing comment
            =pod

            requires 'InPod';

            =cut
            requires 'B';
            __END__
            requires 'AfterEnd';
            """);
    assertThat(written(m)).containsExactly("A 0", "B 0");
    assertThat(m.dependencies().get(1).source().line()).isEqualTo(8);
  }

  @Test
  void phasesFeaturesAndShortcuts() {
    Manifest m =
        parse(
            """
            on 'test' => sub { requires 'T' };
            on configure => sub { requires 'C', '1' };
            test_requires 'T2';
            author_requires 'D';
            build_requires 'B';
            configure_requires 'C2';
            feature 'sqlite', 'SQLite support' => sub { recommends 'DBD::SQLite' };
            feature 'pg' => sub { on test => sub { suggests 'Test::PostgreSQL' } };
            mirror 'https://cpan.example.org';
            """);
    assertThat(m.dependencies())
        .extracting(d -> d.name() + " " + d.phase() + " " + d.relationship() + " " + d.feature())
        .containsExactly(
            "T TEST REQUIRES Optional.empty",
            "C CONFIGURE REQUIRES Optional.empty",
            "T2 TEST REQUIRES Optional.empty",
            "D DEVELOP REQUIRES Optional.empty",
            "B BUILD REQUIRES Optional.empty",
            "C2 CONFIGURE REQUIRES Optional.empty",
            "DBD::SQLite RUNTIME RECOMMENDS Optional[sqlite]",
            "Test::PostgreSQL TEST SUGGESTS Optional[pg]");
    assertThat(m.problems()).isEmpty();
  }

  @Test
  void perlVersionConditionsAreEvaluatedForTheTargetPerl() {
    String text =
        "requires 'CGI', ($] >= 5.019003 ? '>= 4.00' : '>= 3.38');\n"
            + "requires 'Old' if $] < 5.010;\n"
            + "requires 'New' unless $] < 5.010;\n";
    assertThat(written(parse(text, "5.036000", "linux"))).containsExactly("CGI >= 4.00", "New 0");
    assertThat(written(parse(text, "5.008009", "linux"))).containsExactly("CGI >= 3.38", "Old 0");
  }

  @Test
  void osConditionsWithElsifElseAndOsname() {
    String text =
        """
        if ($^O eq 'MSWin32') { requires 'Win32' }
        elsif ($^O eq 'darwin' || $^O eq 'freebsd') { requires 'BSD' }
        else { requires 'Other' }
        unless ($^O ne 'linux') { requires 'Linux' }
        osname 'MSWin32', 'cygwin' => sub { requires 'Win32::API' };
        """;
    assertThat(written(parse(text, "5.036", "linux"))).containsExactly("Other 0", "Linux 0");
    assertThat(written(parse(text, "5.036", "MSWin32"))).containsExactly("Win32 0", "Win32::API 0");
    assertThat(written(parse(text, "5.036", "freebsd"))).containsExactly("BSD 0");
  }

  @Test
  void otherConstructsBecomeUnknownAndTheRestIsRead() {
    Manifest m =
        parse(
            """
            my $v = '1.0';
            requires 'A', $v;
            if ($ENV{WITH_PG}) {
                requires 'DBD::Pg';
            }
            requires 'B', Some::Module->version;
            requires 'C' if $^O =~ /win/i;
            requires 'D', '1.0';
            """);
    assertThat(m.dependencies())
        .extracting(Dependency::name)
        .containsExactly("A", "DBD::Pg", "B", "C", "D");
    assertThat(m.dependencies().subList(0, 4))
        .allSatisfy(d -> assertThat(d.version()).isInstanceOf(VersionSpec.Unknown.class));
    assertThat(m.dependencies().get(4).version().written()).isEqualTo("1.0");
    assertThat(m.problems())
        .extracting(p -> p.location().line() + ":" + p.location().column())
        .containsExactly("1:1", "2:1", "3:1", "6:1", "7:1");
    assertThat(m.problems().get(0).message()).contains("unknown statement 'my'");
    assertThat(((VersionSpec.Unknown) m.dependencies().get(0).version()).reason())
        .contains("variable $v has no static value (line 2, column 15)");
  }

  @Test
  void unterminatedStringKeepsWhatCameBefore() {
    // As for perl, the quote opened in line 2 runs to line 3 and a new one opens there.
    Manifest m = parse("requires 'A';\nrequires 'B;\nrequires 'C';\n");
    assertThat(written(m)).containsExactly("A 0");
    assertThat(m.problems())
        .extracting(Problem::toString)
        .hasSize(3)
        .last()
        .isEqualTo(
            "cpanfile:3:12: unterminated q string starting at line 3 column 12;"
                + " the rest of the file is not read");
  }

  @Test
  void badVersionIsUnknownWithReason() {
    Manifest m = parse("requires 'A', '>= 1.0 <';\n");
    Dependency a = m.dependencies().get(0);
    assertThat(a.version()).isInstanceOf(VersionSpec.Unknown.class);
    assertThat(a.phase()).isEqualTo(Phase.RUNTIME);
    assertThat(m.problems()).hasSize(1);
  }
}
