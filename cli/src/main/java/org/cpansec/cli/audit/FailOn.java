package org.cpansec.cli.audit;

import org.cpansec.advisory.Severity;
import org.cpansec.audit.Finding;

/**
 * {@code --fail-on}: the lowest severity that makes the exit code 1. A finding whose advisories
 * give no severity counts at every threshold: most CPAN advisories carry none, and an unknown
 * severity must not pass a gate silently.
 */
public enum FailOn {
  any,
  low,
  medium,
  high,
  critical;

  boolean counts(Finding f) {
    if (this == any) {
      return true;
    }
    Severity.Level level = f.severity();
    return level == Severity.Level.UNKNOWN
        || level.compareTo(Severity.Level.valueOf(name().toUpperCase(java.util.Locale.ROOT))) >= 0;
  }
}
