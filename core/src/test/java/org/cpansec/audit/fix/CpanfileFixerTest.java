package org.cpansec.audit.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cpansec.version.PerlVersion;
import org.junit.jupiter.api.Test;

class CpanfileFixerTest {

  private static Raise raise(int line, String name, String to) {
    return new Raise(line, name, PerlVersion.parse(to), to);
  }

  @Test
  void rewritesOnlyTheVersionLiteralAndKeepsEverythingElse() {
    String text =
        "# deps\nrequires 'Plack', '1.0030';   # the web layer\n"
            + "requires \"Encode\" => \">= 2.0, < 4\";\nrequires 'DBI';\n"
            + "on test => sub {\n    requires 'HTTP::Tiny', 0.070;\n};\n";
    CpanfileFixer.Result r =
        CpanfileFixer.apply(
            text,
            List.of(
                raise(2, "Plack", "1.0051"),
                raise(3, "Encode", "3.12"),
                raise(4, "DBI", "1.652"),
                raise(6, "HTTP::Tiny", "0.088")));
    assertThat(r.skipped()).isEmpty();
    assertThat(r.text())
        .isEqualTo(
            "# deps\nrequires 'Plack', '1.0051';   # the web layer\n"
                + "requires \"Encode\" => \">= 3.12, < 4\";\nrequires 'DBI', '1.652';\n"
                + "on test => sub {\n    requires 'HTTP::Tiny', '0.088';\n};\n");
    assertThat(r.changes()).extracting(CpanfileFixer.Change::line).containsExactly(2, 3, 4, 6);
  }

  @Test
  void leavesAloneWhatItCannotRewriteSafelyAndSaysWhy() {
    String text =
        "requires 'CGI', ($] >= 5.019 ? '4.00' : '3.38');\n"
            + "requires 'Foo', '== 1.2';\nrequires 'Bar', '< 2';\nrequires 'Baz',\n  '1.0';\n";
    CpanfileFixer.Result r =
        CpanfileFixer.apply(
            text,
            List.of(
                raise(1, "CGI", "4.54"),
                raise(2, "Foo", "1.3"),
                raise(3, "Bar", "2.1"),
                raise(4, "Baz", "1.5")));
    assertThat(r.text()).isEqualTo(text);
    assertThat(r.skipped())
        .extracting(CpanfileFixer.Skipped::reason)
        .containsExactly(
            "the requirement is an expression; raise it by hand",
            "the requirement '== 1.2' excludes 1.3 (an upper bound or exact version); change it by hand",
            "the requirement '< 2' excludes 2.1 (an upper bound or exact version); change it by hand",
            "the requirement is on another line; raise it by hand");
  }

  @Test
  void anUpperBoundThatStillAdmitsTheFixIsKept() {
    CpanfileFixer.Result r =
        CpanfileFixer.apply(
            "requires 'Mojolicious', '< 10';\n", List.of(raise(1, "Mojolicious", "9.39")));
    assertThat(r.text()).isEqualTo("requires 'Mojolicious', '>= 9.39, < 10';\n");
  }
}
