package org.cpansec.server.clocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Business days and dates in a zone: weekends, holidays, year ends, both DST changes. */
class BusinessCalendarTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  private static Instant i(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void weekendsAreNotBusinessDays() {
    BusinessCalendar cal = new BusinessCalendar(UTC, List.of());
    assertThat(cal.isBusinessDay(d("2026-11-27"))).as("Friday").isTrue();
    assertThat(cal.isBusinessDay(d("2026-11-28"))).as("Saturday").isFalse();
    assertThat(cal.isBusinessDay(d("2026-11-29"))).as("Sunday").isFalse();
    assertThat(cal.isBusinessDay(d("2026-11-30"))).as("Monday").isTrue();
  }

  @Test
  void addingBusinessDaysSkipsWeekends() {
    BusinessCalendar cal = new BusinessCalendar(UTC, List.of());
    // Friday + 5 = next Friday; Friday + 1 = Monday.
    assertThat(cal.plusBusinessDays(d("2026-11-27"), 5)).isEqualTo(d("2026-12-04"));
    assertThat(cal.plusBusinessDays(d("2026-11-27"), 1)).isEqualTo(d("2026-11-30"));
    // Received on a Saturday or a Sunday: the first business day after it counts one.
    assertThat(cal.plusBusinessDays(d("2026-11-28"), 1)).isEqualTo(d("2026-11-30"));
    assertThat(cal.plusBusinessDays(d("2026-11-29"), 5)).isEqualTo(d("2026-12-04"));
    // Wednesday + 5 crosses one weekend.
    assertThat(cal.plusBusinessDays(d("2026-11-25"), 5)).isEqualTo(d("2026-12-02"));
    assertThat(cal.plusBusinessDays(d("2026-11-28"), 0)).isEqualTo(d("2026-11-28"));
    assertThatThrownBy(() -> cal.plusBusinessDays(d("2026-11-28"), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void holidaysAreSkippedAndTheYearEndIsCrossed() {
    BusinessCalendar cal =
        new BusinessCalendar(UTC, List.of(d("2026-12-24"), d("2026-12-25"), d("2027-01-01")));
    assertThat(cal.isBusinessDay(d("2026-12-25"))).isFalse();
    // Wed 23 + 5: [Thu 24, Fri 25 holidays] Mon 28, Tue 29, Wed 30, Thu 31, [Fri 1 holiday] Mon 4.
    assertThat(cal.plusBusinessDays(d("2026-12-23"), 5)).isEqualTo(d("2027-01-04"));
    // Without the holidays the same sum ends in the old year.
    BusinessCalendar plain = new BusinessCalendar(UTC, List.of());
    assertThat(plain.plusBusinessDays(d("2026-12-23"), 5)).isEqualTo(d("2026-12-30"));
    // Instants keep their time of day across the year end.
    assertThat(cal.plusBusinessDays(i("2026-12-30T16:45:00Z"), 3))
        .isEqualTo(i("2027-01-05T16:45:00Z"));
  }

  @Test
  void businessDaysKeepTheLocalTimeWhenSummerTimeStarts() {
    BusinessCalendar cal = new BusinessCalendar(BERLIN, List.of());
    // Thu 2027-03-25 10:00 CET (09:00Z); clocks go forward on Sun 28 March.
    Instant received = i("2027-03-25T09:00:00Z");
    Instant due = cal.plusBusinessDays(received, 5);
    assertThat(due.atZone(BERLIN).toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2027-04-01T10:00"));
    // 10:00 CEST is 08:00Z: seven days less one hour later.
    assertThat(due).isEqualTo(i("2027-04-01T08:00:00Z"));
  }

  @Test
  void businessDaysKeepTheLocalTimeWhenSummerTimeEnds() {
    BusinessCalendar cal = new BusinessCalendar(NEW_YORK, List.of());
    // Fri 2026-10-30 17:00 EDT (21:00Z); clocks go back on Sun 1 November.
    Instant due = cal.plusBusinessDays(i("2026-10-30T21:00:00Z"), 1);
    assertThat(due).isEqualTo(i("2026-11-02T22:00:00Z"));
    assertThat(due.atZone(NEW_YORK).getHour()).isEqualTo(17);
    // Calendar days too: 7 days after Thu 29 Oct 12:00 EDT is Thu 5 Nov 12:00 EST.
    assertThat(cal.plusDays(i("2026-10-29T16:00:00Z"), 7)).isEqualTo(i("2026-11-05T17:00:00Z"));
  }

  @Test
  void aLocalTimeSkippedByTheClockChangeMovesForward() {
    // Israel changes to summer time on a Friday (2027-03-26, 02:00 -> 03:00), a business day.
    ZoneId jerusalem = ZoneId.of("Asia/Jerusalem");
    LocalDateTime skipped = LocalDateTime.parse("2027-03-26T02:30");
    assertThat(jerusalem.getRules().getValidOffsets(skipped)).as("in the gap").isEmpty();
    BusinessCalendar cal = new BusinessCalendar(jerusalem, List.of());
    // Thu 25 March 02:30 IST (00:30Z) + 1 business day: Fri 02:30 does not exist, 03:30 IDT does.
    Instant due = cal.plusBusinessDays(i("2027-03-25T00:30:00Z"), 1);
    assertThat(due.atZone(jerusalem).toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2027-03-26T03:30"));
    assertThat(due).isEqualTo(i("2027-03-26T00:30:00Z"));
  }

  @Test
  void theDateOfAnInstantAndTodayDependOnTheZone() {
    Instant lateEvening = i("2026-11-27T23:30:00Z");
    assertThat(new BusinessCalendar(UTC, List.of()).dateOf(lateEvening)).isEqualTo(d("2026-11-27"));
    assertThat(new BusinessCalendar(BERLIN, List.of()).dateOf(lateEvening))
        .isEqualTo(d("2026-11-28"));
    // In Berlin that instant is already Saturday: one business day later is Monday 00:30.
    assertThat(new BusinessCalendar(BERLIN, List.of()).plusBusinessDays(lateEvening, 1))
        .isEqualTo(i("2026-11-29T23:30:00Z"));
    Clock newYearsEve = Clock.fixed(i("2026-12-31T12:30:00Z"), UTC);
    assertThat(new BusinessCalendar(UTC, List.of()).today(newYearsEve)).isEqualTo(d("2026-12-31"));
    assertThat(new BusinessCalendar(ZoneId.of("Pacific/Auckland"), List.of()).today(newYearsEve))
        .isEqualTo(d("2027-01-01"));
  }

  @Test
  void theStartOfADayIsLocalMidnight() {
    assertThat(new BusinessCalendar(BERLIN, List.of()).startOf(d("2026-07-01")))
        .isEqualTo(i("2026-06-30T22:00:00Z"));
    assertThat(new BusinessCalendar(BERLIN, List.of()).startOf(d("2026-12-01")))
        .isEqualTo(i("2026-11-30T23:00:00Z"));
  }
}
