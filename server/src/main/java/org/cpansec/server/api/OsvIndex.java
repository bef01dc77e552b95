package org.cpansec.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.osv.OsvWriter;
import org.cpansec.server.store.AdvisoryCatalog;
import org.springframework.stereotype.Component;

/**
 * OSV records of the current database, written by core's {@link OsvWriter} (the same records as the
 * OSV export) once per database: a record lists every affected release, and recomputing that per
 * request would cost more than the rest of a query.
 */
@Component
public class OsvIndex {
  private final AdvisoryCatalog catalog;
  private volatile Snapshot snapshot;

  private record Snapshot(
      AdvisoryDatabase db, Map<String, ObjectNode> records, Map<String, byte[]> json) {}

  public OsvIndex(AdvisoryCatalog catalog) {
    this.catalog = catalog;
  }

  /** The record with this advisory id; do not modify it. */
  public Optional<ObjectNode> record(String id) {
    return Optional.ofNullable(current().records.get(id));
  }

  /**
   * The record serialised as JSON, once: a query answer is mostly these bytes, and writing them
   * again for every request was most of a query's cost.
   */
  public Optional<byte[]> json(String id) {
    return Optional.ofNullable(current().json.get(id));
  }

  /** Every record, in database order; do not modify them. */
  public Map<String, ObjectNode> all() {
    return current().records;
  }

  private Snapshot current() {
    AdvisoryDatabase db = catalog.database();
    Snapshot s = snapshot;
    if (s == null || s.db != db) {
      synchronized (this) {
        s = snapshot;
        if (s == null || s.db != db) {
          Map<String, ObjectNode> records = new OsvWriter().records(db);
          Map<String, byte[]> json = new java.util.HashMap<>();
          records.forEach((id, r) -> json.put(id, r.toString().getBytes(StandardCharsets.UTF_8)));
          s = new Snapshot(db, records, Map.copyOf(json));
          snapshot = s;
        }
      }
    }
    return s;
  }
}
