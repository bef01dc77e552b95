package org.cpansec.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.audit.AuditOptions;
import org.cpansec.audit.AuditReport;
import org.cpansec.audit.Auditor;
import org.cpansec.cpan.CoreModules;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
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
 * Auditing the largest real Carton snapshot in the data pack (metacpan-api, 369 distributions)
 * against the bundled advisory database, in process. Target: at most 5 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuditBench {

  private Path snapshot;
  private Manifest manifest;
  private Auditor auditor;

  @Setup
  public void setUp() throws IOException {
    snapshot =
        Files.createTempFile("metacpan-api", ".snapshot").resolveSibling("cpanfile.snapshot");
    try (InputStream in = AuditBench.class.getResourceAsStream("/metacpan-api.cpanfile.snapshot")) {
      Files.copy(in, snapshot, StandardCopyOption.REPLACE_EXISTING);
    }
    manifest = new SnapshotExtractor().extract(snapshot, ExtractContext.defaults());
    auditor = new Auditor(AdvisoryDatabase.bundled(), CoreModules.bundled());
  }

  /** Matching and remediation only: the snapshot is already read. */
  @Benchmark
  public AuditReport audit() {
    return auditor.audit(List.of(manifest), AuditOptions.defaults());
  }

  /** Reading the snapshot and auditing it. */
  @Benchmark
  public AuditReport readAndAudit() {
    Manifest m = new SnapshotExtractor().extract(snapshot, ExtractContext.defaults());
    return auditor.audit(List.of(m), AuditOptions.defaults());
  }
}
