package org.cpansec.server.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The path rule of published patches (§4) and what may be published as one. */
class PatchFilesTest {
  @Test
  void pathIsInitialDistributionVersionAndCveWithItsRevision() {
    assertThat(PatchFiles.path("Foo-Bar", "1.23", "CVE-2026-1234", 1))
        .isEqualTo("F/Foo-Bar/1.23/CVE-2026-1234-r1.patch");
    assertThat(PatchFiles.path("libwww-perl", "v6.7.8", "CVE-2025-40906", 12))
        .isEqualTo("L/libwww-perl/v6.7.8/CVE-2025-40906-r12.patch");
    assertThat(PatchFiles.path("_Private_Dist", "0.01_02", "CVE-2026-1234567", 2))
        .isEqualTo("_/_Private_Dist/0.01_02/CVE-2026-1234567-r2.patch");
  }

  @Test
  void everyPartMustBeOneSafeSegment() {
    assertThatThrownBy(() -> PatchFiles.path("../etc", "1.0", "CVE-2026-1234", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PatchFiles.path("Foo::Bar", "1.0", "CVE-2026-1234", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PatchFiles.path("Foo", "1/0", "CVE-2026-1234", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PatchFiles.path("Foo", "..", "CVE-2026-1234", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PatchFiles.path("Foo", "1..2", "CVE-2026-1234", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PatchFiles.path("Foo", ".hidden", "CVE-2026-1234", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PatchFiles.path("Foo", "1.0", "CVE-26-1", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PatchFiles.path("Foo", "1.0", "CVE-2026-1234", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PatchFiles.path("", "1.0", "CVE-2026-1234", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void versionProblemsSayWhatIsExpected() {
    assertThat(PatchFiles.versionProblem("1.23")).isEmpty();
    assertThat(PatchFiles.versionProblem("v1.2.3")).isEmpty();
    assertThat(PatchFiles.versionProblem("")).get().asString().contains("such as 1.23");
    assertThat(PatchFiles.versionProblem("1.0 beta")).get().asString().contains("1.0 beta");
    assertThat(PatchFiles.versionProblem("x".repeat(101))).isPresent();
  }

  @Test
  void onlyUtf8DiffsArePatches() {
    assertThat(
            PatchFiles.contentProblem(bytes("--- a/lib/Foo.pm\n+++ b/lib/Foo.pm\n@@ -1 +1 @@\n")))
        .isEmpty();
    assertThat(PatchFiles.contentProblem(bytes("diff --git a/x b/x\n"))).isEmpty();
    assertThat(PatchFiles.contentProblem(new byte[0])).get().asString().contains("empty");
    assertThat(PatchFiles.contentProblem(new byte[] {'-', '-', '-', ' ', (byte) 0xff, '\n'}))
        .get()
        .asString()
        .contains("UTF-8");
    assertThat(PatchFiles.contentProblem(bytes("--- a\n\0\n"))).get().asString().contains("NUL");
    assertThat(PatchFiles.contentProblem(bytes("just some notes\n")))
        .get()
        .asString()
        .contains("does not look like a patch");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
