package org.cpansec.manifest.cpanfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.VersionSpec;
import org.cpansec.version.Constraint;
import org.cpansec.version.PerlVersion;
import org.cpansec.version.VersionRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our reading of every real cpanfile equals Module::CPANfile's (base prerequisites plus all
 * features), asked through {@code cpanfile-oracle.pl}, which compiles the cpanfile's code under an
 * operator mask so that it can do nothing but call the cpanfile DSL. Requirements are compared by
 * the versions they accept, at every boundary and just above it.
 */
class CpanfileOracleTest {

  static Stream<Path> cpanfiles() throws Exception {
    Path projects = Path.of(CpanfileOracleTest.class.getResource("/datapack/projects").toURI());
    try (Stream<Path> walk = Files.walk(projects)) {
      return walk
          .filter(p -> p.getFileName().toString().equals("cpanfile"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cpanfiles")
  void readsLikeModuleCpanfile(Path cpanfile) throws Exception {
    List<String> oracle = askPerl(cpanfile);
    Manifest ours =
        new CpanfileExtractor()
            .extract(
                cpanfile,
                ExtractContext.defaults().withTarget(PerlVersion.parse("5.036000"), "linux"));
    if (!oracle.isEmpty() && oracle.get(0).startsWith("ERROR\t")) {
      // Module::CPANfile refuses the file: we must say what is wrong, not read it silently
      assertThat(ours.problems())
          .as("problems for a file Module::CPANfile refuses: %s", oracle)
          .isNotEmpty();
      return;
    }
    Map<String, String> theirs = new TreeMap<>();
    for (String line : oracle) {
      String[] f = line.split("\t", -1);
      theirs.put(f[0] + " " + f[1] + " " + f[2], f[3]);
    }
    // Module::CPANfile keeps the last declaration of a module per feature, phase and
    // relationship; features are then merged into the base (all must hold)
    Map<String, VersionRange> last = new java.util.LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    int droppedByModuleCpanfile = 0;
    for (Dependency d : ours.dependencies()) {
      String key =
          d.phase().specName()
              + " "
              + d.relationship().name().toLowerCase(java.util.Locale.ROOT)
              + " "
              + d.name();
      if (d.version() instanceof VersionSpec.Requirement r) {
        last.put(d.feature().orElse("") + "|" + key, r.range());
      } else if (d.version() instanceof VersionSpec.Unknown u
          && u.reason().contains("unknown phase")) {
        // a phase CPAN::Meta::Spec does not define ('development'): Module::CPANfile drops the
        // declaration without a word; we report it as unknown, naming the phase
        String phase = u.reason().replaceAll(".*unknown phase '([^']+)'.*", "$1");
        assertThat(theirs).doesNotContainKey(phase + key.substring(key.indexOf(' ')));
        droppedByModuleCpanfile++;
      } else {
        unknown.add(key + " " + d.version().written());
      }
    }
    Map<String, List<VersionRange>> mine = new TreeMap<>();
    last.forEach(
        (k, r) ->
            mine.computeIfAbsent(k.substring(k.indexOf('|') + 1), x -> new ArrayList<>()).add(r));
    assertThat(unknown).as("requirements we could not evaluate").isEmpty();
    assertThat(droppedByModuleCpanfile)
        .as("declarations in an unknown phase")
        .isEqualTo(cpanfile.endsWith("briandfoy__cpan-audit/cpanfile") ? 3 : 0);
    assertThat(mine.keySet()).isEqualTo(theirs.keySet());
    List<String> differ = new ArrayList<>();
    for (Map.Entry<String, String> e : theirs.entrySet()) {
      VersionRange reference = VersionRange.parseRequirement(e.getValue());
      if (!sameVersions(mine.get(e.getKey()), reference)) {
        differ.add(
            e.getKey()
                + ": ours "
                + mine.get(e.getKey())
                + ", Module::CPANfile '"
                + e.getValue()
                + "'");
      }
    }
    assertThat(differ).isEmpty();
  }

  /** Whether the AND of {@code ours} accepts exactly what {@code reference} accepts. */
  private static boolean sameVersions(List<VersionRange> ours, VersionRange reference) {
    TreeSet<PerlVersion> bounds = new TreeSet<>();
    bounds.add(PerlVersion.ZERO);
    int longest = 1;
    List<VersionRange> all = new ArrayList<>(ours);
    all.add(reference);
    for (VersionRange r : all) {
      for (Constraint c : r.constraints()) {
        bounds.add(c.version());
        longest = Math.max(longest, c.version().components().length);
      }
    }
    List<PerlVersion> probes = new ArrayList<>(bounds);
    for (PerlVersion b : bounds) {
      probes.add(justAbove(b, longest));
    }
    for (PerlVersion p : probes) {
      boolean mine = ours.stream().allMatch(r -> r.contains(p));
      if (mine != reference.contains(p)) {
        return false;
      }
    }
    return true;
  }

  /** A version above {@code v} and below every version greater than it among the bounds. */
  private static PerlVersion justAbove(PerlVersion v, int longest) {
    int[] parts = v.components();
    StringBuilder sb = new StringBuilder("v").append(parts[0]);
    for (int i = 1; i <= longest; i++) {
      sb.append('.').append(i < parts.length ? parts[i] : 0);
    }
    return PerlVersion.parse(sb.append(".1").toString());
  }

  private static List<String> askPerl(Path cpanfile) throws IOException, InterruptedException {
    boolean available =
        new ProcessBuilder("perl", "-MModule::CPANfile", "-e", "1").start().waitFor() == 0;
    String why = "perl with Module::CPANfile (Debian: libmodule-cpanfile-perl) is needed";
    if ("true".equals(System.getenv("CI"))) {
      assertThat(available).as(why + " (.ci/run installs it)").isTrue();
    }
    assumeTrue(available, why + "; skipped on this machine");
    Path script = Files.createTempFile("cpanfile-oracle", ".pl");
    try (InputStream in = CpanfileOracleTest.class.getResourceAsStream("cpanfile-oracle.pl")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    Process p =
        new ProcessBuilder("perl", script.toString(), cpanfile.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    return out.lines().toList();
  }
}
