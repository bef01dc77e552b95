package org.cpansec.server.cveid;

import java.util.List;

/**
 * A pool operation refused, with a message for the member that says why (and what to do). Never
 * carries a stack trace to a page.
 */
public class PoolRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The kind of refusal, which pages turn into an HTTP status. */
  public enum Kind {
    /** The member may not do this (role, agreement). */
    FORBIDDEN,
    /** No such case or ID. */
    NOT_FOUND,
    /** The ID or case is not in a state that allows it. */
    CONFLICT,
    /** No available ID of the year the rule picks. */
    EMPTY_POOL,
    /** The input is malformed (an import with bad lines). */
    INVALID,
    /** CVE Services is off or refused the call. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final List<String> problems;

  public PoolRefusal(Kind kind, String message) {
    this(kind, message, List.of());
  }

  public PoolRefusal(Kind kind, String message, List<String> problems) {
    super(message);
    this.kind = kind;
    this.problems = List.copyOf(problems);
  }

  public Kind kind() {
    return kind;
  }

  /** The individual problems (one per bad input line), when there are several. */
  public List<String> problems() {
    return problems;
  }
}
