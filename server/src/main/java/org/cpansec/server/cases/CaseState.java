package org.cpansec.server.cases;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The states of a case and the moves between them (CPANSEC-PROCESS.md §2, decided):
 *
 * <pre>
 * REPORTED → TRIAGE → CLOSED (out of scope | not a security issue | duplicate)
 * TRIAGE → RESERVED → MAINTAINER_CONTACTED → EMBARGO → DRAFTING → READY_TO_PUBLISH → PUBLISHED
 *   → FOLLOW_UP → CLOSED
 * PUBLISHED → DISPUTED → PUBLISHED;  PUBLISHED → UPDATED → PUBLISHED
 * </pre>
 *
 * Nothing else is allowed; CLOSED is final.
 */
public enum CaseState {
  REPORTED,
  TRIAGE,
  RESERVED,
  MAINTAINER_CONTACTED,
  EMBARGO,
  DRAFTING,
  READY_TO_PUBLISH,
  PUBLISHED,
  FOLLOW_UP,
  DISPUTED,
  UPDATED,
  CLOSED;

  /** The states this one may move to, in the order of the workflow. */
  public Set<CaseState> next() {
    return switch (this) {
      case REPORTED -> EnumSet.of(TRIAGE);
      case TRIAGE -> EnumSet.of(RESERVED, CLOSED);
      case RESERVED -> EnumSet.of(MAINTAINER_CONTACTED);
      case MAINTAINER_CONTACTED -> EnumSet.of(EMBARGO);
      case EMBARGO -> EnumSet.of(DRAFTING);
      case DRAFTING -> EnumSet.of(READY_TO_PUBLISH);
      case READY_TO_PUBLISH -> EnumSet.of(PUBLISHED);
      case PUBLISHED -> EnumSet.of(FOLLOW_UP, DISPUTED, UPDATED);
      case DISPUTED, UPDATED -> EnumSet.of(PUBLISHED);
      case FOLLOW_UP -> EnumSet.of(CLOSED);
      case CLOSED -> EnumSet.noneOf(CaseState.class);
    };
  }

  public boolean mayMoveTo(CaseState to) {
    return next().contains(to);
  }

  /** Why a move is refused, naming the allowed next steps; empty text when it is allowed. */
  public String refusal(CaseState to) {
    if (mayMoveTo(to)) {
      return "";
    }
    Set<CaseState> next = next();
    String rest =
        next.isEmpty()
            ? name() + " is final: a closed case does not move"
            : "next steps: " + next.stream().map(Enum::name).collect(Collectors.joining(", "));
    return name() + " → " + to.name() + " is not allowed; " + rest;
  }

  /** Lower case with spaces, for pages ("maintainer contacted"). */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** Parses a state name as a form sends it; empty for anything else. */
  public static java.util.Optional<CaseState> parse(String text) {
    if (text == null) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }
}
