package org.cpansec.cve.json;

import java.util.List;

/**
 * A CVE JSON record the importer will not turn into YAML, because the YAML could not say the same
 * thing: the reasons, or the projected fields that would change.
 */
public final class ImportRefusedException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<String> reasons;

  public ImportRefusedException(String cve, List<String> reasons) {
    super(
        "cannot import "
            + cve
            + " without losing or changing data:\n  "
            + String.join("\n  ", reasons));
    this.reasons = List.copyOf(reasons);
  }

  public List<String> reasons() {
    return reasons;
  }
}
