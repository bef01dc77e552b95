package org.cpansec.server.record;

import java.util.Optional;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.cpansec.server.cases.CaseAccess;
import org.cpansec.server.cases.CaseNotFoundException;
import org.cpansec.server.cases.CaseRecord;
import org.cpansec.server.cases.Viewer;
import org.springframework.beans.factory.ObjectProvider;

/**
 * A case the signed-in member may see, as the editor uses it, and whether they may save its
 * records. The rule is {@link CaseAccess}'s (ADR 0008): members who signed the current agreement
 * and hold CPANSEC_MEMBER or CNA_MEMBER see a case, a sensitive one only the CNA members named on
 * it; only CNA members save. External links never reach the editor.
 *
 * @param viewer the member, as the viewer the case services and the audit log take
 * @param kase what the editor shows of the case and prefills a new record from
 * @param mayEdit whether the member may save (a CNA member)
 */
record Editing(Viewer.Staff viewer, CaseRow kase, boolean mayEdit) {

  Member member() {
    return viewer.member();
  }

  /**
   * The case {@code reference} for whoever is signed in. Empty when nobody is, when there is no
   * such case, or when the member may not see it: the same answer for all three.
   */
  static Optional<Editing> of(
      ObjectProvider<CurrentMember> current, CaseAccess access, String reference) {
    CurrentMember who = current.getIfAvailable();
    Optional<Member> member = who == null ? Optional.empty() : who.get();
    if (member.isEmpty()) {
      return Optional.empty();
    }
    Viewer.Staff viewer = new Viewer.Staff(member.get());
    CaseRecord c;
    try {
      c = access.forMember(reference, viewer);
    } catch (CaseNotFoundException e) {
      return Optional.empty();
    }
    CaseRow row =
        new CaseRow(
            c.id(),
            c.reference(),
            c.state().name(),
            c.title(),
            c.distribution(),
            c.affectedVersions(),
            c.sensitive());
    return Optional.of(new Editing(viewer, row, CaseAccess.isCnaMember(member.get())));
  }
}
