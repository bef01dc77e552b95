package org.cpansec.server.clocks;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How instants are written in pages, messages and mails: local time with the zone's name. */
final class ClockFormats {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

  private ClockFormats() {}

  static String dateTime(Instant at, ZoneId zone) {
    return at == null ? "" : DATE_TIME.format(at.atZone(zone));
  }
}
