package org.cpansec.server.cases;

/**
 * Why a case moves: an optional note; for TRIAGE → CLOSED a close reason, and for a duplicate the
 * reference of what it duplicates (a case reference, a CVE id or an advisory id).
 */
public record TransitionReason(CloseReason close, String duplicateOf, String note) {
  public TransitionReason {
    duplicateOf = blankToNull(duplicateOf);
    note = blankToNull(note);
  }

  /** A move with only a note (or none). */
  public static TransitionReason note(String note) {
    return new TransitionReason(null, null, note);
  }

  public static TransitionReason close(CloseReason reason, String note) {
    return new TransitionReason(reason, null, note);
  }

  public static TransitionReason duplicate(String of, String note) {
    return new TransitionReason(CloseReason.DUPLICATE, of, note);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
