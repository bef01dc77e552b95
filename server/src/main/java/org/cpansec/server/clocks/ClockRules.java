package org.cpansec.server.clocks;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The clock rules of CPANSEC-PROCESS.md §4 and §9 as plain functions of the settings: the planned
 * disclosure date, what is due when, the abandoned and unresponsive rules. No Spring, no database:
 * everything time-dependent takes the instant or date it is about, or a {@link Clock}.
 */
public final class ClockRules {
  /** An activity condition of the abandoned rule holds after this many years without activity. */
  public static final int ABANDONED_YEARS = 5;

  private final ClocksProperties config;
  private final BusinessCalendar calendar;

  public ClockRules(ClocksProperties config) {
    this.config = Objects.requireNonNull(config, "config");
    this.calendar = new BusinessCalendar(config.zone(), config.holidays());
  }

  public BusinessCalendar calendar() {
    return calendar;
  }

  public ClocksProperties config() {
    return config;
  }

  /** Today in the configured zone. */
  public LocalDate today(Clock clock) {
    return calendar.today(clock);
  }

  /**
   * The default planned disclosure date: the date (in the configured zone) of the mail to the
   * maintainer plus {@code embargo-days} calendar days.
   */
  public LocalDate plannedDisclosure(Instant maintainerContactedAt) {
    return calendar.dateOf(maintainerContactedAt).plusDays(config.embargoDays());
  }

  /** When the maintainer is due to have been contacted: {@code contact-days} after the report. */
  public Instant contactDue(Instant reportedAt) {
    return calendar.plusDays(reportedAt, config.contactDays());
  }

  /** The planned disclosure date is reached at the start of that day in the configured zone. */
  public Instant disclosureDue(LocalDate plannedDisclosure) {
    return calendar.startOf(plannedDisclosure);
  }

  /** When a dispute is due to be acknowledged: {@code dispute-business-days} business days on. */
  public Instant disputeAcknowledgementDue(Instant receivedAt) {
    return calendar.plusBusinessDays(receivedAt, config.disputeBusinessDays());
  }

  /**
   * Why this check cannot be recorded as it is, if it cannot: an activity condition said to hold
   * although the last activity is less than five years before the check, activity after the check,
   * or a check in the future.
   */
  public Optional<String> contradiction(AbandonmentCheck check, LocalDate today) {
    if (check.checkedOn().isAfter(today)) {
      return Optional.of("The check date " + check.checkedOn() + " is in the future.");
    }
    LocalDate last = check.lastActivity();
    if (last != null && !check.criterion().isActivity()) {
      return Optional.of(
          "A last-activity date applies only to the four activity conditions, not to \""
              + check.criterion().label()
              + "\".");
    }
    if (last != null && last.isAfter(check.checkedOn())) {
      return Optional.of(
          "The last activity (" + last + ") is after the check date (" + check.checkedOn() + ").");
    }
    if (check.holds() && last != null && !fiveYearsBefore(last, check.checkedOn())) {
      return Optional.of(
          "\""
              + check.criterion().label()
              + "\" cannot hold: the last activity ("
              + last
              + ") is less than "
              + ABANDONED_YEARS
              + " years before the check ("
              + check.checkedOn()
              + "). Record it as not holding.");
    }
    return Optional.empty();
  }

  /** Whether one recorded check counts towards the abandoned rule. */
  public boolean counts(AbandonmentCheck check) {
    if (!check.holds()) {
      return false;
    }
    LocalDate last = check.lastActivity();
    return !check.criterion().isActivity()
        || last == null
        || fiveYearsBefore(last, check.checkedOn());
  }

  /** All five conditions recorded and holding: the module is abandoned. */
  public boolean abandoned(Collection<AbandonmentCheck> checks) {
    Map<AbandonmentCriterion, Boolean> holding = new EnumMap<>(AbandonmentCriterion.class);
    for (AbandonmentCheck c : checks) {
      holding.put(c.criterion(), counts(c));
    }
    for (AbandonmentCriterion c : AbandonmentCriterion.values()) {
      if (!holding.getOrDefault(c, false)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Where the case stands with its maintainer: abandoned (all five conditions hold) before anything
   * else; then not contacted, answered, bounced; unresponsive when the mail did not bounce and no
   * answer came by the planned date; otherwise awaiting an answer.
   */
  public MaintainerStatus classify(
      Instant contactedAt,
      Instant answeredAt,
      Instant bouncedAt,
      LocalDate plannedDisclosure,
      LocalDate today,
      Collection<AbandonmentCheck> checks) {
    if (abandoned(checks)) {
      return MaintainerStatus.ABANDONED;
    }
    if (contactedAt == null) {
      return MaintainerStatus.NOT_CONTACTED;
    }
    if (answeredAt != null) {
      return MaintainerStatus.ANSWERED;
    }
    if (bouncedAt != null) {
      return MaintainerStatus.BOUNCED;
    }
    if (plannedDisclosure != null && !today.isBefore(plannedDisclosure)) {
      return MaintainerStatus.UNRESPONSIVE;
    }
    return MaintainerStatus.AWAITING_ANSWER;
  }

  private static boolean fiveYearsBefore(LocalDate last, LocalDate checkedOn) {
    return !last.isAfter(checkedOn.minusYears(ABANDONED_YEARS));
  }
}
