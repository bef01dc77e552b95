package org.cpansec.server.clocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The §4/§9 rules as plain functions: planned date, due instants, abandoned and unresponsive. */
class ClockRulesTest {
  private static final ClocksProperties.Reminders REMINDERS =
      ClocksProperties.defaults().reminders();

  private static ClockRules rules(String zone, int embargoDays, List<LocalDate> holidays) {
    return new ClockRules(
        new ClocksProperties(ZoneId.of(zone), holidays, embargoDays, 7, 5, REMINDERS));
  }

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  private static Instant i(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void theDefaultsAreFourteenDaysSevenDaysAndFiveBusinessDaysInUtc() {
    ClocksProperties p = ClocksProperties.defaults();
    assertThat(p.embargoDays()).isEqualTo(14);
    assertThat(p.contactDays()).isEqualTo(7);
    assertThat(p.disputeBusinessDays()).isEqualTo(5);
    assertThat(p.zone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(p.reminders().leadTime()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void plannedDateIsTheMailDatePlusFourteenDays() {
    ClockRules r = new ClockRules(ClocksProperties.defaults());
    assertThat(r.plannedDisclosure(i("2026-11-30T09:00:00Z"))).isEqualTo(d("2026-12-14"));
    // Across the year end.
    assertThat(r.plannedDisclosure(i("2026-12-20T18:00:00Z"))).isEqualTo(d("2027-01-03"));
    // The old 28-day rule, configured.
    assertThat(rules("UTC", 28, List.of()).plannedDisclosure(i("2026-11-30T09:00:00Z")))
        .isEqualTo(d("2026-12-28"));
  }

  @Test
  void theMailDateIsTheDateInTheConfiguredZone() {
    Instant lateEvening = i("2026-11-30T23:30:00Z");
    assertThat(rules("UTC", 14, List.of()).plannedDisclosure(lateEvening))
        .isEqualTo(d("2026-12-14"));
    // Already 1 December in Berlin.
    assertThat(rules("Europe/Berlin", 14, List.of()).plannedDisclosure(lateEvening))
        .isEqualTo(d("2026-12-15"));
  }

  @Test
  void dueInstants() {
    ClockRules berlin = rules("Europe/Berlin", 14, List.of(d("2026-04-03")));
    // Reported Wed 25 March 10:00 CET; summer time starts on the 29th: due 1 April 10:00 CEST.
    assertThat(berlin.contactDue(i("2026-03-25T09:00:00Z"))).isEqualTo(i("2026-04-01T08:00:00Z"));
    // The planned date is reached at local midnight.
    assertThat(berlin.disclosureDue(d("2026-12-14"))).isEqualTo(i("2026-12-13T23:00:00Z"));
    // Dispute received Wed 1 April 11:00 CEST; Good Friday (3 April) is a holiday:
    // Thu 2, Mon 6, Tue 7, Wed 8, Thu 9.
    assertThat(berlin.disputeAcknowledgementDue(i("2026-04-01T09:00:00Z")))
        .isEqualTo(i("2026-04-09T09:00:00Z"));
  }

  private static AbandonmentCheck check(AbandonmentCriterion c, boolean holds, String last) {
    return new AbandonmentCheck(
        c, holds, last == null ? null : d(last), "looked", null, d("2026-11-30"), "member");
  }

  private static List<AbandonmentCheck> allFive(String lastActivity) {
    List<AbandonmentCheck> out = new ArrayList<>();
    for (AbandonmentCriterion c : AbandonmentCriterion.values()) {
      out.add(check(c, true, c.isActivity() ? lastActivity : null));
    }
    return out;
  }

  @Test
  void allFiveConditionsForFiveYearsMakeAnAbandonedModule() {
    ClockRules r = new ClockRules(ClocksProperties.defaults());
    assertThat(r.abandoned(allFive("2019-06-01"))).isTrue();
    // Exactly five years before the check counts; a day less does not.
    assertThat(r.abandoned(allFive("2021-11-30"))).isTrue();
    assertThat(r.abandoned(allFive("2021-12-01"))).isFalse();
    // No activity found at all counts.
    assertThat(r.abandoned(allFive(null))).isTrue();
    // Four of five is not enough, nor is one recorded as not holding.
    List<AbandonmentCheck> four = allFive("2019-06-01");
    four.remove(4);
    assertThat(r.abandoned(four)).isFalse();
    List<AbandonmentCheck> oneNo = allFive("2019-06-01");
    oneNo.set(0, check(AbandonmentCriterion.NO_RELEASE, false, "2025-01-01"));
    assertThat(r.abandoned(oneNo)).isFalse();
  }

  @Test
  void contradictoryChecksAreRefusedWithTheReason() {
    ClockRules r = new ClockRules(ClocksProperties.defaults());
    LocalDate today = d("2026-11-30");
    assertThat(r.contradiction(check(AbandonmentCriterion.NO_RELEASE, true, "2023-01-01"), today))
        .hasValueSatisfying(m -> assertThat(m).contains("cannot hold", "2023-01-01", "5 years"));
    assertThat(r.contradiction(check(AbandonmentCriterion.NO_RELEASE, false, "2023-01-01"), today))
        .isEmpty();
    assertThat(r.contradiction(check(AbandonmentCriterion.MAIL_BOUNCES, true, "2019-01-01"), today))
        .hasValueSatisfying(m -> assertThat(m).contains("only to the four activity conditions"));
    assertThat(r.contradiction(check(AbandonmentCriterion.NO_UPLOADS, true, "2019-01-01"), today))
        .isEmpty();
    assertThat(r.contradiction(check(AbandonmentCriterion.NO_UPLOADS, true, null), d("2026-11-29")))
        .hasValueSatisfying(m -> assertThat(m).contains("in the future"));
  }

  @Test
  void maintainerStatus() {
    ClockRules r = new ClockRules(ClocksProperties.defaults());
    Instant contacted = i("2026-11-30T09:00:00Z");
    LocalDate planned = d("2026-12-14");
    List<AbandonmentCheck> none = List.of();
    assertThat(r.classify(null, null, null, null, d("2026-11-30"), none))
        .isEqualTo(MaintainerStatus.NOT_CONTACTED);
    assertThat(r.classify(contacted, null, null, planned, d("2026-12-13"), none))
        .isEqualTo(MaintainerStatus.AWAITING_ANSWER);
    // No bounce and no answer by the planned date: unresponsive, the 14 days applied.
    MaintainerStatus unresponsive = r.classify(contacted, null, null, planned, planned, none);
    assertThat(unresponsive).isEqualTo(MaintainerStatus.UNRESPONSIVE);
    assertThat(unresponsive.gracePeriod()).isTrue();
    assertThat(unresponsive.publishWithPatch()).isTrue();
    assertThat(r.classify(contacted, i("2026-12-01T10:00:00Z"), null, planned, planned, none))
        .isEqualTo(MaintainerStatus.ANSWERED);
    // A bounce alone is not abandonment.
    assertThat(r.classify(contacted, null, i("2026-11-30T09:05:00Z"), planned, planned, none))
        .isEqualTo(MaintainerStatus.BOUNCED);
    // All five conditions: abandoned, whatever else, no grace period.
    MaintainerStatus abandoned =
        r.classify(
            contacted,
            null,
            i("2026-11-30T09:05:00Z"),
            planned,
            d("2026-12-01"),
            allFive("2019-01-01"));
    assertThat(abandoned).isEqualTo(MaintainerStatus.ABANDONED);
    assertThat(abandoned.gracePeriod()).isFalse();
    assertThat(abandoned.publishWithPatch()).isTrue();
    assertThat(MaintainerStatus.AWAITING_ANSWER.publishWithPatch()).isFalse();
  }
}
