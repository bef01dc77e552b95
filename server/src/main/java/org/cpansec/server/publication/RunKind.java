package org.cpansec.server.publication;

/** What a run of the publication steps is. */
public enum RunKind {
  /** The first publication of a case (READY_TO_PUBLISH → PUBLISHED). */
  PUBLISH,
  /** A §9 update of published records (PUBLISHED → UPDATED → PUBLISHED). */
  UPDATE
}
