package org.cpansec.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.server.osv.OsvRecords;
import org.cpansec.server.store.AdvisoryCatalog;
import org.springframework.stereotype.Component;

/**
 * OSV records of the current database, each built once: a record lists the affected releases, and
 * recomputing that per request would cost more than the rest of a query.
 */
@Component
public class OsvIndex {
  private final AdvisoryCatalog catalog;
  private volatile Snapshot snapshot;

  private record Snapshot(AdvisoryDatabase db, OsvRecords writer, Map<String, ObjectNode> cache) {}

  public OsvIndex(AdvisoryCatalog catalog) {
    this.catalog = catalog;
  }

  /** The record of an advisory of the current database; do not modify it. */
  public ObjectNode record(Advisory a) {
    Snapshot s = current();
    // An id is unique per distribution only (the database keeps ids reused across two).
    return s.cache.computeIfAbsent(a.id() + '\n' + a.distribution(), k -> s.writer.record(a));
  }

  /** The {@code modified} timestamp of an advisory's record. */
  public String modified(Advisory a) {
    return current().writer.modified(a);
  }

  private Snapshot current() {
    AdvisoryDatabase db = catalog.database();
    Snapshot s = snapshot;
    if (s == null || s.db != db) {
      s =
          new Snapshot(
              db,
              new OsvRecords(db, db.source().generatedAt().orElse(java.time.Instant.EPOCH)),
              new ConcurrentHashMap<>());
      snapshot = s;
    }
    return s;
  }
}
