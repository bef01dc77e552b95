package org.cpansec.server.store;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cpansec.advisory.AdvisoryBatch;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.DatabaseSource;
import org.cpansec.advisory.ReleaseList;
import org.cpansec.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The advisory database the site and the API answer from: read from SQL into core's immutable
 * {@link AdvisoryDatabase}, so that matching is exactly the CLI's ({@code Advisory.affects}). SQL
 * is the durable copy; this is rebuilt from it after every import.
 *
 * <p>On first start (no import recorded) the bundled CPANSA snapshot is imported, before the web
 * server accepts requests.
 */
@Component
public class AdvisoryCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(AdvisoryCatalog.class);

  private final AdvisoryStore store;
  private volatile AdvisoryDatabase current;
  private volatile java.time.Instant loadedAt;

  public AdvisoryCatalog(AdvisoryStore store, ServerProperties properties) {
    this.store = store;
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

  /** When the data now served was imported (feeds' Last-Modified). */
  public java.time.Instant loadedAt() {
    return loadedAt;
  }

  /** Replaces the stored data with {@code db} and serves it from now on. */
  public void replace(AdvisoryDatabase db) {
    store.replaceAll(db);
    reload();
  }

  /** Rebuilds the in-memory database from SQL. */
  public final void reload() {
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
    current = AdvisoryDatabase.restore(batch, merged);
    loadedAt =
        sources.isEmpty() ? java.time.Instant.EPOCH : sources.get(0).importedAt().toInstant();
    LOG.info("serving {} advisories from SQL", current.all().size());
  }
}
