package org.cpansec.cpan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.cpansec.version.PerlVersion;
import org.junit.jupiter.api.Test;

/** Facts checked by hand against {@code corelist -a} of perl 5.36's Module::CoreList. */
class CoreModulesTest {
  private final CoreModules core = CoreModules.bundled();

  private static PerlVersion perl(String v) {
    return PerlVersion.parse(v);
  }

  @Test
  void answersWhetherAModuleIsCoreAndAtWhichVersion() {
    ModuleName encode = ModuleName.of("Encode");
    assertThat(core.isCore(encode, perl("5.036000"))).isTrue();
    assertThat(core.versionIn(encode, perl("5.036000"))).contains(Optional.of("3.17"));
    assertThat(core.versionIn(encode, perl("5.008001"))).contains(Optional.of("1.9801"));
    assertThat(core.isCore(encode, perl("5.006"))).isFalse();
    assertThat(core.firstRelease(encode)).contains(perl("5.007003"));
  }

  @Test
  void knowsModulesRemovedFromCore() {
    ModuleName cgi = ModuleName.of("CGI");
    assertThat(core.isCore(cgi, perl("5.020000"))).isTrue();
    assertThat(core.isCore(cgi, perl("5.022000"))).isFalse();
    assertThat(core.isCore(ModuleName.of("Plack"), perl("5.036000"))).isFalse();
  }

  @Test
  void unreleasedPerlGetsTheClosestEarlierRelease() {
    assertThat(core.versionIn(ModuleName.of("HTTP::Tiny"), perl("5.036000")))
        .isEqualTo(core.versionIn(ModuleName.of("HTTP::Tiny"), perl("5.036000001")));
    assertThat(core.origin()).contains("Module::CoreList");
  }
}
