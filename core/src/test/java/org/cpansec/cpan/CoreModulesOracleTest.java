package org.cpansec.cpan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cpansec.version.PerlVersion;
import org.junit.jupiter.api.Test;

/**
 * The bundled corelist.tsv against this machine's Module::CoreList, for every module at a spread of
 * perl releases: catches a stale or wrongly generated resource.
 */
class CoreModulesOracleTest {
  private static final List<String> PERLS =
      List.of(
          "5.006",
          "5.008001",
          "5.010001",
          "5.014000",
          "5.020000",
          "5.026000",
          "5.030000",
          "5.036000");

  @Test
  void agreesWithModuleCoreList() throws IOException, InterruptedException {
    String script =
        "use Module::CoreList; for my $p (@ARGV) { my $m = $Module::CoreList::version{$p};"
            + " for my $mod (sort keys %$m) { print join(qq{\\t}, $p, $mod,"
            + " defined $m->{$mod} ? $m->{$mod} : q{~}), qq{\\n} } }";
    List<String> cmd = new ArrayList<>(List.of("perl", "-e", script));
    cmd.addAll(PERLS);
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      assumeTrue(
          false,
          "perl is not on PATH: Module::CoreList oracle cannot run (" + e.getMessage() + ")");
      return;
    }
    List<String> lines =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assumeTrue(p.exitValue() == 0, "Module::CoreList is not available to this perl");
    CoreModules core = CoreModules.bundled();
    List<String> disagreements = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split("\t");
      Optional<Optional<String>> ours =
          core.versionIn(ModuleName.of(f[1]), PerlVersion.parse(f[0]));
      Optional<Optional<String>> theirs =
          Optional.of(f[2].equals("~") ? Optional.empty() : Optional.of(f[2]));
      if (!ours.equals(theirs)) {
        disagreements.add(line + " -> " + ours);
      }
    }
    assertThat(lines).hasSizeGreaterThan(3000);
    assertThat(disagreements).isEmpty();
  }
}
