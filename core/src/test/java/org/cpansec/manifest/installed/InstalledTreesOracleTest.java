package org.cpansec.manifest.installed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.VersionSpec;
import org.cpansec.version.PerlVersion;
import org.junit.jupiter.api.Test;

/**
 * Differential test against Perl's own Module::Metadata over this machine's installed perl trees.
 * On the reference machine (Debian 12, perl 5.36.0) it reads 1,117 files: 969 with the same version
 * as Module::Metadata, 148 where both find none, no disagreement. Accepted, if they ever appear: a
 * file whose $VERSION Module::Metadata computes by running code (cpansec reports unknown, with the
 * reason, never a guessed version). Not accepted: any different version, and any version where
 * Module::Metadata finds none.
 */
class InstalledTreesOracleTest {
  private static final List<Path> TREES =
      List.of(
          Path.of("/usr/share/perl/5.36"),
          Path.of("/usr/lib/x86_64-linux-gnu/perl/5.36"),
          Path.of("/usr/share/perl5"));

  @Test
  void agreesWithModuleMetadataOnTheInstalledTrees() throws Exception {
    assumeTrue(perlAvailable(), "perl is not on PATH: the Module::Metadata oracle cannot run");
    List<Path> trees = TREES.stream().filter(Files::isDirectory).toList();
    assumeTrue(!trees.isEmpty(), "none of the perl 5.36 trees exists on this machine: " + TREES);
    AtomicInteger lastDone = new AtomicInteger();
    Manifest m =
        InstalledTrees.scan(
            trees, ExtractContext.defaults(), (done, total, f) -> lastDone.set(done));
    List<Dependency> deps = m.dependencies();
    assertThat(lastDone.get()).isEqualTo(deps.size());
    List<String> oracle = oracle(deps);
    int same = 0;
    int bothNone = 0;
    List<String> codeEvaluated = new ArrayList<>();
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < deps.size(); i++) {
      Dependency d = deps.get(i);
      String perl = oracle.get(i);
      String where = d.source().file() + " (" + d.name() + ")";
      if (d.version() instanceof VersionSpec.Exact e) {
        if (!perl.equals("undef")
            && PerlVersion.tryParse(perl).map(e.version()::equals).orElse(false)) {
          same++;
        } else {
          disagreements.add(where + ": cpansec " + e.version() + ", Module::Metadata " + perl);
        }
      } else if (perl.equals("undef")) {
        bothNone++;
      } else {
        codeEvaluated.add(
            where
                + ": Module::Metadata "
                + perl
                + ", cpansec unknown: "
                + ((VersionSpec.Unknown) d.version()).reason());
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(same + bothNone).isGreaterThanOrEqualTo((int) Math.ceil(deps.size() * 0.99));
    assertThat(codeEvaluated).hasSizeLessThanOrEqualTo(deps.size() / 100);
    assertThat(deps.size()).isGreaterThan(500);
  }

  private static List<String> oracle(List<Dependency> deps)
      throws IOException, InterruptedException, URISyntaxException {
    Path script =
        Path.of(
            InstalledTreesOracleTest.class
                .getResource("/installed/module-metadata-oracle.pl")
                .toURI());
    Process p =
        new ProcessBuilder("perl", script.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Thread feeder =
        new Thread(
            () -> {
              try (OutputStream in = p.getOutputStream()) {
                for (Dependency d : deps) {
                  in.write(
                      (d.source().file() + "\t" + d.name() + "\n")
                          .getBytes(StandardCharsets.UTF_8));
                }
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    feeder.start();
    List<String> out =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .map(l -> l.substring(l.indexOf('\t') + 1))
            .toList();
    feeder.join();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(out).hasSameSizeAs(deps);
    return out;
  }

  private static boolean perlAvailable() {
    try {
      Process p = new ProcessBuilder("perl", "-e", "1").start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
