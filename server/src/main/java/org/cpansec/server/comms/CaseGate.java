package org.cpansec.server.comms;

import org.cpansec.server.account.Member;
import org.cpansec.server.cases.CaseAccess;
import org.cpansec.server.cases.CaseNotFoundException;
import org.cpansec.server.cases.CaseRecord;
import org.cpansec.server.cases.CaseRefusedException;
import org.cpansec.server.cases.Cases;
import org.cpansec.server.cases.Viewer;
import org.springframework.stereotype.Component;

/**
 * Finds a case for a viewer by the rule of {@link CaseAccess}: a case the viewer may not see — or
 * that does not exist — is "not found" ({@link CaseNotFoundException}), alike; a visible case the
 * viewer may not change is refused with the reason.
 */
@Component
class CaseGate {
  private final CommsStore store;
  private final CaseAccess access;

  CaseGate(CommsStore store, CaseAccess access) {
    this.store = store;
    this.access = access;
  }

  /** The case for a member who may see it; anything else is "not found". */
  CaseRecord forMember(String reference, Viewer viewer) {
    if (!(viewer instanceof Viewer.Staff)
        || reference == null
        || !Cases.REFERENCE.matcher(reference).matches()) {
      throw new CaseNotFoundException();
    }
    CaseRecord c = store.caseByReference(reference).orElseThrow(CaseNotFoundException::new);
    if (!access.maySee(viewer, c)) {
      throw new CaseNotFoundException();
    }
    return c;
  }

  /** Like {@link #forMember}, and the member must be a CNA member to {@code doWhat}. */
  CaseRecord forCna(String reference, Viewer viewer, String doWhat) {
    CaseRecord c = forMember(reference, viewer);
    if (!CaseAccess.isCnaMember(member(viewer))) {
      throw new CaseRefusedException(
          CaseRefusedException.Kind.NOT_ALLOWED, "Only CNA members " + doWhat + ".");
    }
    return c;
  }

  /**
   * Locks the case (after {@link #forCna}) and reads it again under the lock, so that what the
   * caller checks next is what it changes.
   */
  CaseRecord lockAgain(CaseRecord c) {
    store.lock(c.id());
    return store.caseById(c.id()).orElseThrow(CaseNotFoundException::new);
  }

  /** Whether this viewer may see the case (lists, panels). */
  boolean maySee(Viewer viewer, CaseRecord c) {
    return access.maySee(viewer, c);
  }

  /** The cases this viewer may see, as SQL. */
  CaseAccess.Clause visible(Viewer viewer) {
    return access.visible(viewer);
  }

  static Member member(Viewer viewer) {
    return ((Viewer.Staff) viewer).member();
  }

  static CaseRefusedException conflict(String message) {
    return new CaseRefusedException(CaseRefusedException.Kind.CONFLICT, message);
  }

  static CaseRefusedException invalid(String message) {
    return new CaseRefusedException(CaseRefusedException.Kind.INVALID, message);
  }
}
