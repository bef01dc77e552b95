package org.cpansec.manifest.cpanfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.cpansec.manifest.Datapack;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever the input, the parser ends, throws nothing, and every requirement it returns
 * or every problem it reports points inside the text. Inputs are real cpanfiles cut and spliced at
 * random points and sprinkled with random characters (fixed seed, so a failure is reproducible).
 */
class CpanfileRobustnessTest {
  private static final String NOISE = "'\"(){}[];,=>$]^O#\n qwq{}v1.2\u00e9\u0663\0`@%&|!?:.-+";

  @Test
  void anyInputEndsWithResultsInsideTheText() throws Exception {
    List<String> corpus =
        List.of(
            Files.readString(Datapack.project("ledgersmb__LedgerSMB/cpanfile")),
            Files.readString(Datapack.project("Corion__Filesys-DB/cpanfile")),
            Files.readString(Datapack.project("Clinical-Genomics__MIP/cpanfile")),
            Files.readString(Datapack.project("plack__Plack/cpanfile")));
    Random random = new Random(20261124L);
    CpanfileExtractor extractor = new CpanfileExtractor();
    for (int i = 0; i < 3000; i++) {
      String text = mutate(corpus.get(random.nextInt(corpus.size())), random);
      Manifest m = extractor.parse(Path.of("cpanfile"), text, ExtractContext.defaults());
      long lines = text.lines().count() + 1;
      assertThat(m.dependencies())
          .allSatisfy(d -> assertThat(d.source().line()).isBetween(1, (int) lines));
      assertThat(m.problems())
          .allSatisfy(p -> assertThat(p.location().line()).isBetween(1, (int) lines));
    }
  }

  private static String mutate(String base, Random random) {
    StringBuilder s = new StringBuilder(base.substring(random.nextInt(base.length() / 2)));
    s.setLength(s.length() - random.nextInt(s.length() / 2));
    int edits = 1 + random.nextInt(8);
    for (int e = 0; e < edits && s.length() > 0; e++) {
      int at = random.nextInt(s.length());
      if (random.nextBoolean()) {
        s.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
      } else {
        s.deleteCharAt(at);
      }
    }
    return s.toString();
  }
}
