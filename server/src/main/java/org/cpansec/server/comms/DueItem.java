package org.cpansec.server.comms;

import java.time.Instant;

/**
 * One open deadline as pages show it (clocks' {@link org.cpansec.server.clocks.Deadlines}).
 *
 * @param caseId the case
 * @param reference the case's reference
 * @param title the case's title (shown only to viewers who see the case)
 * @param kind what is due, in words ("maintainer contact")
 * @param dueAt when
 * @param due the due instant written in the clocks' time zone
 * @param overdue whether it is past
 * @param soon whether it is due within {@code cpansec.comms.due-soon} (and not yet past)
 * @param mine whether the case is assigned to the viewer
 */
public record DueItem(
    long caseId,
    String reference,
    String title,
    String kind,
    Instant dueAt,
    String due,
    boolean overdue,
    boolean soon,
    boolean mine) {

  /** The marker's words: "overdue since …", "due soon: …" or "due …". */
  public String marker() {
    return kind + (overdue ? " overdue since " : soon ? " due soon: " : " due ") + due;
  }
}
