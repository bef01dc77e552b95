package org.cpansec.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.compact.CompactReader;
import org.cpansec.advisory.cpansa.CpansaJsonReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading the whole bundled advisory database (2,061 entries, 21,743 releases, 8,336 modules),
 * warm: from the compact form the CLI starts from, and from the CPANSA JSON a cache holds. The
 * bytes are read once in setup: the benchmark is decoding and indexing, not disk I/O.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AdvisoryDatabaseBench {
  private byte[] compact;
  private byte[] json;

  @Setup(Level.Trial)
  public void read() throws IOException {
    compact = resource(AdvisoryDatabase.BUNDLED_COMPACT);
    json = resource(AdvisoryDatabase.BUNDLED_RESOURCE);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = AdvisoryDatabase.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    }
  }

  /** What {@code AdvisoryDatabase.bundled()} does; lazy parts (releases, modules) stay lazy. */
  @Benchmark
  public AdvisoryDatabase loadCompact() throws IOException {
    return CompactReader.read(new ByteArrayInputStream(compact), "bench");
  }

  /** The compact load, then every release list and the module map decoded and parsed. */
  @Benchmark
  public int loadCompactEverything() throws IOException {
    AdvisoryDatabase db = CompactReader.read(new ByteArrayInputStream(compact), "bench");
    int n = db.module2dist().get("HTTP::Tiny") == null ? 0 : 1;
    for (String d : db.distributions()) {
      n += db.releases(d).size();
    }
    return n;
  }

  /** What {@code AdvisoryDatabase.load(cacheFile)} does: stream-parse the JSON and merge. */
  @Benchmark
  public AdvisoryDatabase loadJson() throws IOException {
    return AdvisoryDatabase.of(
        List.of(new CpansaJsonReader().read(new ByteArrayInputStream(json), "bench")));
  }
}
