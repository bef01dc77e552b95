package org.cpansec.cve.reconcile;

import java.util.List;
import java.util.Objects;
import org.cpansec.cve.record.CveId;

/** How one local record stands against its published version. */
public record Reconciliation(CveId cve, State state, List<String> details) {
  /** The states a record can be in; UNKNOWN when the source could not answer. */
  public enum State {
    IN_SYNC("in sync"),
    DIFFERS("differs"),
    MISSING_REMOTELY("missing remotely"),
    UNKNOWN("unknown");

    private final String label;

    State(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public Reconciliation {
    Objects.requireNonNull(cve, "cve");
    Objects.requireNonNull(state, "state");
    details = List.copyOf(details);
  }
}
