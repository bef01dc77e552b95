package org.cpansec.cve.record;

import java.util.Objects;

/** A timeline event: the time as written (a date, or a date and time) and what happened. */
public record TimelineEntry(String time, String value) {
  public TimelineEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(value, "value");
  }

  /** The time as CVE JSON wants it: a date alone becomes midnight UTC. */
  public String cveTime() {
    return time.length() == 10 ? time + "T00:00:00Z" : time;
  }
}
