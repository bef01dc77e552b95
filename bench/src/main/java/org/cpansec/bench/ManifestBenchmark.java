package org.cpansec.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.cpanfile.CpanfileExtractor;
import org.cpansec.manifest.snapshot.SnapshotExtractor;
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
 * Input extraction for the audit: the largest Carton snapshot of the data pack (metacpan-api, 369
 * distributions, 265 KB) and its largest cpanfile (LedgerSMB, 221 requirements). Run from the
 * project root (the data pack is read from {@code core/src/test/resources/datapack}, or from the
 * directory in {@code -Dcpansec.datapack=...}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ManifestBenchmark {
  private final ExtractContext context = ExtractContext.defaults();
  private final SnapshotExtractor snapshots = new SnapshotExtractor();
  private final CpanfileExtractor cpanfiles = new CpanfileExtractor();
  private Path snapshot;
  private Path cpanfile;
  private String cpanfileText;

  @Setup
  public void locate() throws Exception {
    Path pack = Path.of(System.getProperty("cpansec.datapack", "core/src/test/resources/datapack"));
    snapshot = pack.resolve("projects/metacpan__metacpan-api/cpanfile.snapshot");
    cpanfile = pack.resolve("projects/ledgersmb__LedgerSMB/cpanfile");
    if (!Files.isRegularFile(snapshot) || !Files.isRegularFile(cpanfile)) {
      throw new IllegalStateException(
          "data pack not found at "
              + pack.toAbsolutePath()
              + " (run from the project root or set -Dcpansec.datapack)");
    }
    cpanfileText = Files.readString(cpanfile);
  }

  @Benchmark
  public Manifest snapshotMetacpanApi() {
    return snapshots.extract(snapshot, context);
  }

  @Benchmark
  public Manifest cpanfileLedgerSmb() {
    return cpanfiles.extract(cpanfile, context);
  }

  /** The same cpanfile already in memory: tokenizer and parser alone. */
  @Benchmark
  public Manifest cpanfileLedgerSmbParseOnly() {
    return cpanfiles.parse(cpanfile, cpanfileText, context);
  }
}
