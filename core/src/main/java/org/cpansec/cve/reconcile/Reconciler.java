package org.cpansec.cve.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.cpansec.cve.json.Projection;
import org.cpansec.cve.reconcile.Reconciliation.State;
import org.cpansec.cve.record.CveId;

/**
 * Compares a locally built record with the published one through {@link Projection}, the fields the
 * YAML controls: what CVE Services adds (ADP containers, dates, provider metadata) is no
 * difference.
 */
public final class Reconciler {
  private final RecordSource source;

  public Reconciler(RecordSource source) {
    this.source = source;
  }

  /** {@code built} is the CVE JSON 5 record the local YAML builds to. */
  public Reconciliation reconcile(CveId cve, JsonNode built) {
    Optional<JsonNode> published;
    try {
      published = source.fetch(cve);
    } catch (IOException e) {
      return new Reconciliation(cve, State.UNKNOWN, List.of(e.getMessage()));
    }
    if (published.isEmpty()) {
      return new Reconciliation(
          cve, State.MISSING_REMOTELY, List.of("not published at " + source.describe()));
    }
    // "-" is what is published, "+" what publishing the local record would make of it.
    List<String> differences =
        Projection.differences(Projection.of(published.get()), Projection.of(built));
    return new Reconciliation(
        cve, differences.isEmpty() ? State.IN_SYNC : State.DIFFERS, differences);
  }
}
