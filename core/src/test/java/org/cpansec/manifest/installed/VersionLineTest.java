package org.cpansec.manifest.installed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cpansec.cpan.ModuleName;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.VersionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The $VERSION forms Module::Metadata understands. Every expected version was confirmed by running
 * Module::Metadata 1.000037 on the same two lines; "unknown" rows are code it would run.
 */
class VersionLineTest {

  private static String versionOf(String module, String... lines) {
    Dependency d = PmFileExtractor.module(ModuleName.of(module), Path.of("x.pm"), List.of(lines));
    return d.version() instanceof VersionSpec.Exact e ? e.version().toString() : "unknown";
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "package Foo;|our $VERSION = '1.23';|1.23",
        "package Foo;|$VERSION = \"1.23\";|1.23",
        "package Foo;|$VERSION = 1.10;|1.1",
        "package Foo;|use version; our $VERSION = qv('1.2.3');|1.2.3",
        "package Foo;|our $VERSION = version->declare('v1.2.3');|v1.2.3",
        "package Foo;|our $VERSION = version->declare(\"1.2\");|v1.2",
        "package Foo;|our $VERSION = '1.23_01'; $VERSION = eval $VERSION;|1.2301",
        "package Foo;|our $VERSION = '1.23_01'; $VERSION =~ tr/_//d;|1.2301",
        "package Foo;|our $VERSION = '2.19'; # VERSION|2.19",
        "package Foo;|$Foo::VERSION = $Foo::VERSION = '1.08';|1.08",
        "package Foo;|our $VERSION = q{0.061};|0.061",
        "package Foo 1.23;|1;|1.23",
        "package Foo v1.2.3 {|}|v1.2.3",
        "package Bar;|$Foo::VERSION = '4.5';|4.5",
        "package Foo;|our $VERSION = sprintf \"%d.%02d\", q$Revision: 3.17 $ =~ /(\\d+)/g;|3.17",
        "package Foo;|our $VERSION = $Other::VERSION;|unknown",
        "package Foo;|our $VERSION = do { compute() };|unknown",
        "package Foo;|1;|unknown",
        "package Bar;|our $VERSION = '1.0';|unknown",
      })
  void readsTheStaticForms(String first, String second, String expected) {
    assertThat(versionOf("Foo", first, second)).isEqualTo(expected);
  }

  @Test
  void podCommentsAndEndAreSkipped() {
    assertThat(
            versionOf(
                "Foo",
                "package Foo;",
                "=pod",
                "our $VERSION = '9';",
                "=cut",
                "# $VERSION = '8';",
                "our $VERSION = '1.0';"))
        .isEqualTo("1.0");
    assertThat(versionOf("Foo", "package Foo;", "__END__", "our $VERSION = '1.0';"))
        .isEqualTo("unknown");
  }

  @Test
  void onlyTheFirstVersionOfAPackageCounts() {
    assertThat(versionOf("Foo", "package Foo;", "our $VERSION = '1.0';", "$VERSION = '2.0';"))
        .isEqualTo("1.0");
  }

  @Test
  void unknownCarriesTheReason() {
    Dependency d =
        PmFileExtractor.module(
            ModuleName.of("Foo"),
            Path.of("x.pm"),
            List.of("package Foo;", "our $VERSION = $Bar::VERSION;"));
    assertThat(((VersionSpec.Unknown) d.version()).reason())
        .contains("never runs module code")
        .contains("$Bar::VERSION");
    assertThat(d.source().line()).isEqualTo(2);
  }

  @Test
  void scansADirectoryTreeWithProgress(@TempDir Path lib) throws IOException {
    Files.createDirectories(lib.resolve("Foo"));
    Files.writeString(lib.resolve("Foo/Bar.pm"), "package Foo::Bar;\nour $VERSION = '0.5';\n1;\n");
    Files.writeString(lib.resolve("Foo.pm"), "package Foo;\nuse strict;\n1;\n");
    Files.write(lib.resolve("Bin.pm"), new byte[] {'p', 0, 1, 2});
    int[] calls = {0};
    Manifest m =
        InstalledTrees.scan(
            List.of(lib, lib.resolve("missing")),
            ExtractContext.defaults(),
            (done, total, f) -> calls[0] = total);
    assertThat(m.dependencies())
        .extracting(d -> d.name() + " " + d.version().getClass().getSimpleName())
        .containsExactly("Bin Unknown", "Foo Unknown", "Foo::Bar Exact");
    assertThat(calls[0]).isEqualTo(3);
    assertThat(m.problems())
        .extracting(p -> p.message())
        .anySatisfy(msg -> assertThat(msg).contains("not a directory"))
        .anySatisfy(msg -> assertThat(msg).contains("binary file"));
    Manifest one =
        new PmFileExtractor().extract(lib.resolve("Foo/Bar.pm"), ExtractContext.defaults());
    assertThat(one.dependencies())
        .singleElement()
        .satisfies(d -> assertThat(d.version().written()).isEqualTo("0.5"));
  }
}
