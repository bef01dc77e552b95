package org.cpansec.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cpansec.version.PerlVersion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing and comparing Perl versions, over the real release versions of CPAN distributions that
 * have advisories (a mix of decimal, dotted and alpha spellings). Targets: compare at least 50
 * million per second, parse at least 5 million per second, on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VersionBench {

  private static final int SIZE = 4096;

  private String[] texts;
  private PerlVersion[] left;
  private PerlVersion[] right;
  private int i;

  @Setup
  public void setUp() throws IOException {
    List<String> releases = new ArrayList<>();
    try (InputStream in = VersionBench.class.getResourceAsStream("/release-versions.txt")) {
      new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .lines()
          .filter(l -> PerlVersion.tryParse(l).isPresent())
          .forEach(releases::add);
    }
    Random rnd = new Random(1);
    texts = new String[SIZE];
    left = new PerlVersion[SIZE];
    right = new PerlVersion[SIZE];
    for (int k = 0; k < SIZE; k++) {
      texts[k] = releases.get(rnd.nextInt(releases.size()));
      left[k] = PerlVersion.parse(releases.get(rnd.nextInt(releases.size())));
      // half the pairs share a prefix, as versions of one distribution do
      right[k] =
          rnd.nextBoolean()
              ? left[k]
              : PerlVersion.parse(releases.get(rnd.nextInt(releases.size())));
    }
  }

  @Benchmark
  public PerlVersion parse() {
    i = (i + 1) & (SIZE - 1);
    return PerlVersion.parse(texts[i]);
  }

  @Benchmark
  public int compare() {
    i = (i + 1) & (SIZE - 1);
    return left[i].compareTo(right[i]);
  }
}
