package org.cpansec.server.clocks;

import java.time.LocalDate;

/**
 * One checked condition of the abandoned-module rule, with its evidence.
 *
 * @param criterion which of the five conditions
 * @param holds whether the member found it to hold
 * @param lastActivity for the activity conditions: the date of the last such activity, if any was
 *     found (none: {@code null})
 * @param evidence what was looked at and found (text)
 * @param evidenceUrl where (a link), optional when the text says it
 * @param checkedOn the date the condition was checked
 * @param checkedBy the member who checked it (display name; {@code null} before it is stored)
 */
public record AbandonmentCheck(
    AbandonmentCriterion criterion,
    boolean holds,
    LocalDate lastActivity,
    String evidence,
    String evidenceUrl,
    LocalDate checkedOn,
    String checkedBy) {}
