package org.cpansec.cpan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Cases from the purl specification's cpan type section and its test suite. */
class CpanPurlTest {

  @Test
  void namespaceIsThePauseIdAndNameTheDistribution() {
    CpanPurl p = CpanPurl.parse("pkg:cpan/OALDERS/libwww-perl@6.76");
    assertThat(p.author()).contains(PauseId.of("OALDERS"));
    assertThat(p.distribution()).contains(DistName.of("libwww-perl"));
    assertThat(p.version()).contains("6.76");
    assertThat(p).hasToString("pkg:cpan/OALDERS/libwww-perl@6.76");
  }

  @Test
  void withoutNamespaceTheNameIsAModule() {
    CpanPurl p = CpanPurl.parse("pkg:cpan/Perl::Version@1.013");
    assertThat(p.module()).contains(ModuleName.of("Perl::Version"));
    assertThat(p.distribution()).isEmpty();
  }

  @Test
  void qualifiersSubpathAndPercentEncodingAreHandled() {
    CpanPurl p = CpanPurl.parse("PKG:CPAN/gdt/URI-PackageURL@2.22%2Btrial?repository_url=x#lib");
    assertThat(p.author()).contains(PauseId.of("GDT"));
    assertThat(p.distribution()).contains(DistName.of("URI-PackageURL"));
    assertThat(p.version()).contains("2.22+trial");
  }

  @Test
  void brokenPurlsNameTheRule() {
    assertThatThrownBy(() -> CpanPurl.parse("pkg:cpan/Perl-Version@1.013"))
        .hasMessageContaining("must not contain '-'");
    assertThatThrownBy(() -> CpanPurl.parse("pkg:cpan/GDT/URI::PackageURL@2.22"))
        .hasMessageContaining("module name");
    assertThatThrownBy(() -> CpanPurl.parse("pkg:npm/foo@1"))
        .hasMessageContaining("not a pkg:cpan");
  }
}
