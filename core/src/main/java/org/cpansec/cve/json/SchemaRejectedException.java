package org.cpansec.cve.json;

import java.util.List;
import org.cpansec.cve.schema.SchemaViolation;

/** A built record the official CVE schema rejects; it must not be written anywhere. */
public final class SchemaRejectedException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<SchemaViolation> violations;

  public SchemaRejectedException(String what, List<SchemaViolation> violations) {
    super(what + " fails the CVE JSON 5.1.1 schema:\n  " + join(violations));
    this.violations = List.copyOf(violations);
  }

  public List<SchemaViolation> violations() {
    return violations;
  }

  private static String join(List<SchemaViolation> violations) {
    StringBuilder b = new StringBuilder();
    for (SchemaViolation v : violations) {
      b.append(b.length() == 0 ? "" : "\n  ").append(v);
    }
    return b.toString();
  }
}
