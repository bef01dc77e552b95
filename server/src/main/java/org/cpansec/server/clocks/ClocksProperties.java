package org.cpansec.server.clocks;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;

/**
 * The disclosure clocks' settings under {@code cpansec.clocks.*} (documented in docs/server.md,
 * "Disclosure clocks and reminders"). Bound and validated at start-up.
 *
 * @param zone the time zone in which dates are read: "today", the date of the mail to the
 *     maintainer, business days
 * @param holidays dates (ISO, {@code 2026-12-25}) that are not business days, besides weekends
 * @param embargoDays planned disclosure date = date of the maintainer mail + this many days (the
 *     group moved from 28 to 14 in 2026)
 * @param contactDays the maintainer is due to be contacted this many days after the report
 * @param disputeBusinessDays a dispute is due to be acknowledged this many business days after it
 *     was received
 * @param reminders the reminder job
 */
@Validated
@ConfigurationProperties("cpansec.clocks")
public record ClocksProperties(
    @DefaultValue("UTC") @NotNull ZoneId zone,
    @DefaultValue({}) @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        List<@NotNull LocalDate> holidays,
    @DefaultValue("14") @Min(0) @Max(365) int embargoDays,
    @DefaultValue("7") @Min(1) @Max(365) int contactDays,
    @DefaultValue("5") @Min(1) @Max(100) int disputeBusinessDays,
    @Valid @NotNull @DefaultValue Reminders reminders) {

  public ClocksProperties {
    holidays = List.copyOf(holidays);
  }

  /**
   * The reminder job. Its schedule and lock durations are read by the job's annotations from the
   * same keys (with the same defaults); they are declared here so that they are validated and
   * documented in one place.
   *
   * @param enabled whether the job sends reminders at all
   * @param interval pause between two runs (on each replica; the lock lets one run at a time)
   * @param initialDelay wait after start before the first run
   * @param leadTime a reminder is sent this long before the due instant (zero: when it is due)
   * @param lockAtMostFor a run holding the lock longer than this (a dead replica) loses it
   * @param lockAtLeastFor a run keeps the lock at least this long, against replicas whose clocks
   *     differ a little
   */
  public record Reminders(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("PT15M") @NotNull Duration interval,
      @DefaultValue("PT1M") @NotNull Duration initialDelay,
      @DefaultValue("P1D") @NotNull Duration leadTime,
      @DefaultValue("PT10M") @NotNull Duration lockAtMostFor,
      @DefaultValue("PT0S") @NotNull Duration lockAtLeastFor) {}

  /** Settings as in a fresh installation, for code and tests that need no Spring. */
  public static ClocksProperties defaults() {
    return new ClocksProperties(
        ZoneId.of("UTC"),
        List.of(),
        14,
        7,
        5,
        new Reminders(
            true,
            Duration.ofMinutes(15),
            Duration.ofMinutes(1),
            Duration.ofDays(1),
            Duration.ofMinutes(10),
            Duration.ZERO));
  }
}
