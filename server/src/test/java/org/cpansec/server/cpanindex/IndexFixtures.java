package org.cpansec.server.cpanindex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Index files for the tests: the real MetaCPAN test 02packages, and dumps written here. */
final class IndexFixtures {
  /** MetaCPAN's test CPAN index (52 modules), from core's data pack. */
  static final Path FAKECPAN_PACKAGES =
      Path.of("../core/src/test/resources/datapack/perl-version/")
          .resolve("metacpan-api-fakecpan-02packages.details.txt");

  /**
   * Releases of MetaCPAN's test CPAN with prerequisites naming its modules, two bad lines (7 and 9)
   * and a distribution repeated (line 8 replaces line 6): 6 releases, 10 requirements.
   */
  static final String FAKECPAN_DUMP =
      """
      {"distribution":"Multiple-Modules-RDeps","version":"2.03","prereqs":{"runtime":{"requires":{"Multiple::Modules":"1.01"}}}}
      {"distribution":"Multiple-Modules-RDeps-A","version":"2.03","prereqs":{"runtime":{"requires":{"Multiple::Modules::RDeps":"0"}}}}
      {"distribution":"Multiple-Modules-Tester","version":"0.96","prereqs":{"test":{"requires":{"Multiple::Modules":"0"}}}}
      {"distribution":"Fav-Dist","version":"2.00","prereqs":{"runtime":{"requires":{"File::lib::File::Duplicates":"0","Binary::Data::WithPod":"0","perl":"5.008"}}}}
      {"distribution":"Fav-DistB","version":"1.00","prereqs":{"runtime":{"requires":{"Fav::Dist":"2"}},"develop":{"requires":{"Multiple::Modules":"0"}}}}
      {"distribution":"Fav-DistC","version":"1.00","prereqs":{"runtime":{"recommends":{"Multiple::Modules":"0"},"requires":{"Not::On::FakeCpan":"0"}}}}
      {"distribution":"Broken", "version":
      {"distribution":"Fav-DistC","version":"1.01","prereqs":{"runtime":{"recommends":{"Multiple::Modules":"0"},"requires":{"Not::On::FakeCpan":"0"}}}}
      {"distribution":"<script>alert(1)</script>","version":"1"}
      """;

  private IndexFixtures() {}

  static Path write(Path dir, String name, String text) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A generated index of {@code n} distributions {@code Gen-D<i>}, each shipping modules {@code
   * Gen::D<i>::M0} and {@code M1}: release i runtime-requires {@code Gen::D<i-1>::M0} (a chain),
   * test-requires {@code Gen::D<i/2>::M1} and runtime-requires a module no distribution ships.
   * Writes {@code 02packages.details.txt} and {@code dump.jsonl} into {@code dir}.
   */
  static void generate(Path dir, int n) {
    try (Writer packages =
            Files.newBufferedWriter(dir.resolve("02packages.details.txt"), StandardCharsets.UTF_8);
        Writer dump = Files.newBufferedWriter(dir.resolve("dump.jsonl"), StandardCharsets.UTF_8)) {
      packages.write("File:         02packages.details.txt\nLine-Count:   " + (2 * n) + "\n\n");
      for (int i = 0; i < n; i++) {
        for (String m : new String[] {"M0", "M1"}) {
          packages.write(
              "Gen::D" + i + "::" + m + "  1.0  G/GE/GENERATOR/Gen-D" + i + "-1.0.tar.gz\n");
        }
        StringBuilder runtime = new StringBuilder("\"Not::Shipped\":\"0\"");
        if (i > 0) {
          runtime.append(",\"Gen::D").append(i - 1).append("::M0\":\"1.0\"");
        }
        dump.write(
            "{\"distribution\":\"Gen-D"
                + i
                + "\",\"version\":\"1.0\",\"prereqs\":{\"runtime\":{\"requires\":{"
                + runtime
                + "}},\"test\":{\"requires\":{\"Gen::D"
                + (i / 2)
                + "::M1\":\"0\"}}}}\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
