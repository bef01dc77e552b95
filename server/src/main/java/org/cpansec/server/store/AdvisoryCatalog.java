package org.cpansec.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryBatch;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.DatabaseSource;
import org.cpansec.advisory.ReleaseList;
import org.cpansec.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The advisory database the site and the API answer from: read from SQL into core's immutable
 * {@link AdvisoryDatabase}, so that matching is exactly the CLI's ({@code Advisory.affects}). SQL
 * is the durable copy; this is rebuilt from it after every import.
 *
 * <p>On first start (no import recorded) the bundled CPANSA snapshot is imported, before the web
 * server accepts requests.
 *
 * <p>The advisories the CNA published itself ({@link CnaAdvisories}) are merged over the imported
 * ones as a CNA source (core's {@link AdvisoryDatabase#with}: they join an imported advisory of the
 * same distribution that names their CVE, and their ranges win), so a re-import never loses them.
 */
@Component
public class AdvisoryCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(AdvisoryCatalog.class);

  /** The source kind of the CNA's own advisories in the merged database. */
  public static final String CNA_SOURCE = "cpansec-cna";

  private final AdvisoryStore store;
  private final CnaAdvisories cna;
  private volatile AdvisoryDatabase current;
  private volatile java.time.Instant loadedAt;
  private volatile CnaAdvisories.Version cnaVersion;

  public AdvisoryCatalog(AdvisoryStore store, CnaAdvisories cna, ServerProperties properties) {
    this.store = store;
    this.cna = cna;
    if (store.isEmpty() && properties.advisories().importBundled()) {
      long start = System.nanoTime();
      AdvisoryDatabase bundled = AdvisoryDatabase.bundled();
      store.replaceAll(bundled);
      LOG.info(
          "imported {} advisories of the bundled snapshot ({}) in {} ms",
          bundled.all().size(),
          bundled.source().file(),
          (System.nanoTime() - start) / 1_000_000);
    }
    reload();
  }

  /** The current database. */
  public AdvisoryDatabase database() {
    return current;
  }

  /**
   * When the data now served last changed (feeds' Last-Modified): the import, or the latest CNA
   * publication or update after it.
   */
  public java.time.Instant loadedAt() {
    return loadedAt;
  }

  /** Replaces the stored data with {@code db} and serves it from now on. */
  public void replace(AdvisoryDatabase db) {
    store.replaceAll(db);
    reload();
  }

  /**
   * Stores the CNA's advisory of {@code cveId} (first publication, or a §9 update replacing it) in
   * the caller's transaction, and serves it once that transaction commits (at once without one).
   * Returns the revision stored.
   */
  public int publish(String cveId, long caseId, Advisory advisory, Instant at) {
    int revision = cna.save(cveId, caseId, advisory, at);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              reload();
            }
          });
    } else {
      reload();
    }
    return revision;
  }

  /**
   * Reloads when another server (a replica on the same database) published or updated a CNA
   * advisory since this one loaded; returns whether it did.
   */
  public boolean refreshIfChanged() {
    if (cna.version().equals(cnaVersion)) {
      return false;
    }
    reload();
    return true;
  }

  /** Rebuilds the in-memory database from SQL. */
  public final synchronized void reload() {
    Map<String, ReleaseList> releases = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    store.releases().forEach((d, rows) -> releases.put(d, new ReleaseList(rows)));
    List<ImportedSource> sources = store.sources();
    DatabaseSource source =
        sources.isEmpty()
            ? DatabaseSource.of("sql", "empty store")
            : new DatabaseSource(
                "sql",
                sources.get(0).kind() + ":" + sources.get(0).file(),
                null,
                sources.get(0).upstreamCommit(),
                sources.get(0).upstreamDate(),
                // OSV "modified" falls back on this: upstream's date, else our import's.
                (sources.get(0).upstreamGenerated() != null
                        ? sources.get(0).upstreamGenerated()
                        : sources.get(0).importedAt())
                    .toInstant());
    List<org.cpansec.advisory.Advisory> merged = store.advisories();
    AdvisoryBatch batch =
        new AdvisoryBatch(
            source, merged, releases, store.mainModules(), store.module2dist(), List.of(), false);
    // Stored advisories were merged at import: restore them as they are, no second merge.
    AdvisoryDatabase imported = AdvisoryDatabase.restore(batch, merged);
    CnaAdvisories.Version version = cna.version();
    List<Advisory> own = cna.advisories();
    Instant imports =
        sources.isEmpty() ? java.time.Instant.EPOCH : sources.get(0).importedAt().toInstant();
    current =
        own.isEmpty()
            ? imported
            : imported.with(
                List.of(
                    AdvisoryBatch.ofAdvisories(
                        DatabaseSource.of(CNA_SOURCE, "sql:cna_advisory"), own, List.of(), true)));
    loadedAt =
        version.lastChange() != null && version.lastChange().isAfter(imports)
            ? version.lastChange()
            : imports;
    cnaVersion = version;
    LOG.info(
        "serving {} advisories from SQL ({} published by the CNA)",
        current.all().size(),
        own.size());
  }
}
