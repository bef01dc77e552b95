package org.cpansec.server.clocks;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Business days (Monday to Friday, less configured holidays) and calendar dates in one time zone.
 * Instants are turned into the zone's local date and time before any counting, so that a change of
 * daylight-saving time or of year moves nothing: adding business days keeps the wall-clock time.
 */
public final class BusinessCalendar {
  private final ZoneId zone;
  private final Set<LocalDate> holidays;

  public BusinessCalendar(ZoneId zone, Collection<LocalDate> holidays) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.holidays = Set.copyOf(holidays);
  }

  public ZoneId zone() {
    return zone;
  }

  /** Whether the date is a working day: not Saturday, not Sunday, not a configured holiday. */
  public boolean isBusinessDay(LocalDate date) {
    DayOfWeek d = date.getDayOfWeek();
    return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !holidays.contains(date);
  }

  /**
   * The date {@code days} business days after {@code date}: each following business day counts one,
   * whatever kind of day {@code date} itself is (so one business day after a Friday, or after a
   * Saturday, is the Monday). Zero days is the date itself.
   */
  public LocalDate plusBusinessDays(LocalDate date, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("days must not be negative: " + days);
    }
    LocalDate d = date;
    int counted = 0;
    while (counted < days) {
      d = d.plusDays(1);
      if (isBusinessDay(d)) {
        counted++;
      }
    }
    return d;
  }

  /**
   * The instant {@code days} business days after {@code from}, at the same local time of day in
   * this zone. A local time that does not exist on the resulting day (the hour skipped when clocks
   * go forward) moves forward by the length of the gap.
   */
  public Instant plusBusinessDays(Instant from, int days) {
    ZonedDateTime local = from.atZone(zone);
    LocalDate date = plusBusinessDays(local.toLocalDate(), days);
    return ZonedDateTime.of(date, local.toLocalTime(), zone).toInstant();
  }

  /** The instant {@code days} calendar days later at the same local time (DST-aware). */
  public Instant plusDays(Instant from, int days) {
    return from.atZone(zone).plusDays(days).toInstant();
  }

  /** The date of an instant in this zone. */
  public LocalDate dateOf(Instant instant) {
    return instant.atZone(zone).toLocalDate();
  }

  /** The first instant of a date in this zone (midnight, or later if midnight is skipped). */
  public Instant startOf(LocalDate date) {
    return date.atStartOfDay(zone).toInstant();
  }

  /** Today's date in this zone. */
  public LocalDate today(Clock clock) {
    return LocalDate.ofInstant(clock.instant(), zone);
  }
}
