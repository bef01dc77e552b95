package org.cpansec.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VersionRange#parseRequirement} against Perl's own CPAN::Meta::Requirements: thousands of
 * generated requirement strings, each checked on a pool of versions with near-equal spellings.
 */
class RequirementDifferentialTest {

  private static final String[] OPS = {">=", ">", "<=", "<", "==", "!=", ""};
  private static final String[] POOL = {
    "0",
    "0.5",
    "1",
    "1.0",
    "1.00",
    "1.2",
    "1.20",
    "1.200",
    "1.2.0",
    "v1.2",
    "v1.2.0",
    "1.2.1",
    "v1.2.1",
    "1.201",
    "1.199",
    "1.3",
    "1.02_03",
    "1.0203",
    "1.2_01",
    "2",
    "2.0.0",
    "v2.1",
    "10",
    "0.001",
    "1.10",
    "1.9",
    "v1.10",
    "v1.9",
    "3.0.1",
    "3.000001"
  };
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void agreesWithCpanMetaRequirements() throws Exception {
    Optional<PerlOracle> perl = PerlOracle.find();
    assumeTrue(perl.isPresent(), "no perl on PATH: CPAN::Meta::Requirements cannot be asked");
    List<String> ranges = corpus(new Random(11), 6000);
    List<String> answers = ask(ranges);
    List<String> mismatches = new ArrayList<>();
    int illegal = 0;
    for (int i = 0; i < ranges.size(); i++) {
      String want = answers.get(i);
      String got = ours(ranges.get(i));
      illegal += want.equals("ILLEGAL") ? 1 : 0;
      if (!(want.startsWith("ERR") ? got.startsWith("ERR") : got.equals(want))) {
        mismatches.add("'" + ranges.get(i) + "': perl " + want + " / java " + got);
      }
    }
    assertThat(illegal).as("impossible requirements in the corpus").isGreaterThan(300);
    assertThat(mismatches).isEmpty();
  }

  private static String ours(String range) {
    VersionRange r;
    try {
      r = VersionRange.parseRequirement(range);
    } catch (InvalidRangeException e) {
      return "ERR";
    }
    if (r.isEmpty()) {
      return "ILLEGAL";
    }
    StringBuilder sb = new StringBuilder("OK\t");
    for (String v : POOL) {
      sb.append(r.contains(PerlVersion.parse(v)) ? '1' : '0');
    }
    return sb.toString();
  }

  private static List<String> corpus(Random rnd, int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int parts = 1 + rnd.nextInt(3);
      StringBuilder sb = new StringBuilder();
      for (int p = 0; p < parts; p++) {
        if (p > 0) {
          sb.append(rnd.nextBoolean() ? ", " : ",");
        }
        String op = OPS[rnd.nextInt(OPS.length)];
        sb.append(op).append(op.isEmpty() || rnd.nextBoolean() ? "" : " ");
        sb.append(POOL[rnd.nextInt(POOL.length)]);
      }
      out.add(sb.toString());
    }
    return out;
  }

  private List<String> ask(List<String> ranges) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("cpansec-cmr");
    Path script = dir.resolve("requirements-oracle.pl");
    try (InputStream in = getClass().getResourceAsStream("requirements-oracle.pl")) {
      Files.copy(in, script);
    }
    List<String> lines = new ArrayList<>();
    for (String r : ranges) {
      StringBuilder sb = new StringBuilder(hex(r));
      for (String v : POOL) {
        sb.append('\t').append(hex(v));
      }
      lines.add(sb.toString());
    }
    Path input = dir.resolve("in.txt");
    Files.write(input, lines, StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder("perl", script.toString())
            .redirectInput(input.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> out =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(p.waitFor()).isZero();
    assertThat(out).hasSameSizeAs(ranges);
    return out;
  }

  private static String hex(String s) {
    return HEX.formatHex(s.getBytes(StandardCharsets.UTF_8));
  }
}
