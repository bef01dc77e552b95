package org.cpansec.cpan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cpansec.version.PerlVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpanPathnameTest {

  @ParameterizedTest
  @CsvSource({
    "M/MI/MIYAGAWA/Plack-1.0047.tar.gz, MIYAGAWA, Plack, 1.0047, false",
    "Z/ZM/ZMIJ/Array/Array-Utils-0.5.tar.gz, ZMIJ, Array-Utils, 0.5, false",
    "H/HM/HMBRAND/DBI-1.647.tgz, HMBRAND, DBI, 1.647, false",
    "O/OA/OALDERS/libwww-perl-6.72.zip, OALDERS, libwww-perl, 6.72, false",
    "E/ET/ETHER/Moose-2.2207-TRIAL.tar.gz, ETHER, Moose, 2.2207, true",
    "J/JV/JV/Foo-Bar-v1.2.3.tar.bz2, JV, Foo-Bar, v1.2.3, false",
    "D/DA/DAGOLDEN/Path-Tiny-0.061_01.tar.gz, DAGOLDEN, Path-Tiny, 0.061_01, false",
    "B/BB/BBENNETT/dt-fmt-datemanip/DateTime-Format-DateManip-0.04.tar.gz, BBENNETT,"
        + " DateTime-Format-DateManip, 0.04, false",
    "X/XX/XXX/Crypt-OpenSSL-3-1.0.tar.gz, XXX, Crypt-OpenSSL-3, 1.0, false",
  })
  void splitsLikeCpanDistnameInfo(
      String pathname, String author, String dist, String version, boolean trial) {
    CpanPathname p = CpanPathname.parse(pathname);
    assertThat(p.author()).isEqualTo(PauseId.of(author));
    assertThat(p.distribution()).isEqualTo(DistName.of(dist));
    assertThat(p.version()).isEqualTo(version);
    assertThat(p.trial()).isEqualTo(trial);
    assertThat(p.perlVersion()).contains(PerlVersion.parse(version));
  }

  @ParameterizedTest
  @CsvSource({
    "Invalid, expected A/AU/AUTHOR",
    "M/MI/MIYAGAWA/Plack.tar.gz, no version",
    "M/MI/MIYAGAWA/Plack-1.0.exe, not a release archive",
    "M/XX/MIYAGAWA/Plack-1.0.tar.gz, do not match the author",
  })
  void rejectsWithTheBrokenRule(String pathname, String reason) {
    assertThatThrownBy(() -> CpanPathname.parse(pathname))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void valuesValidate() {
    assertThat(PauseId.of("miyagawa").value()).isEqualTo("MIYAGAWA");
    assertThatThrownBy(() -> PauseId.of("A")).hasMessageContaining("2 to 9");
    assertThatThrownBy(() -> DistName.of("Foo::Bar")).hasMessageContaining("module name");
    assertThatThrownBy(() -> DistName.of("-Foo")).hasMessageContaining("not a distribution");
    assertThatThrownBy(() -> ModuleName.of("Foo-Bar")).hasMessageContaining("not a module");
    assertThat(DistName.guessFromModule(ModuleName.of("Plack::Request")))
        .isEqualTo(DistName.of("Plack-Request"));
  }
}
