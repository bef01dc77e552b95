package org.cpansec.server.record;

import java.util.Optional;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may see and edit a case's record: the ADR 0008 access rule for members, read from the V6
 * tables. A member sees a case when they signed the current agreement and hold CPANSEC_MEMBER or
 * CNA_MEMBER; a sensitive case only when they are also a CNA member named on it (assigned, {@code
 * case_assignee}). Only CNA members save. External grants never reach the workspace's editor.
 *
 * <p>TODO(after merging the cases package): replace with {@code cases.CaseAccess}, the one place
 * the rule lives; this copy exists only because that service was built in parallel.
 *
 * <p>Without a {@link CurrentMember} bean (sign-in not installed) nobody is signed in, so every
 * case answers as absent.
 */
@Component
class RecordAccess {
  private final JdbcClient jdbc;
  private final ObjectProvider<CurrentMember> current;

  RecordAccess(JdbcClient jdbc, ObjectProvider<CurrentMember> current) {
    this.jdbc = jdbc;
    this.current = current;
  }

  /** A case the signed-in member may see, and whether they may save its record. */
  record Viewer(Member member, CaseRow kase, boolean mayEdit) {}

  /** Empty when there is no such case or the current request may not see it: the same answer. */
  Optional<Viewer> view(String reference) {
    Optional<Member> member = signedIn();
    if (member.isEmpty() || !maySeeCases(member.get()) || reference.length() > 30) {
      return Optional.empty();
    }
    Optional<CaseRow> kase =
        jdbc.sql(
                "SELECT id, reference, state, title, distribution, affected_versions, sensitive"
                    + " FROM cna_case WHERE reference = ?")
            .param(reference)
            .query(
                (rs, n) ->
                    new CaseRow(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getBoolean(7)))
            .optional();
    if (kase.isEmpty()) {
      return Optional.empty();
    }
    Member m = member.get();
    if (kase.get().sensitive() && !(m.isCna() && assigned(kase.get().id(), m.id()))) {
      return Optional.empty();
    }
    return Optional.of(new Viewer(m, kase.get(), m.isCna()));
  }

  private Optional<Member> signedIn() {
    CurrentMember c = current.getIfAvailable();
    return c == null ? Optional.empty() : c.get();
  }

  private static boolean maySeeCases(Member m) {
    return m.signedCurrentAgreement() && (m.has(Role.CPANSEC_MEMBER) || m.has(Role.CNA_MEMBER));
  }

  private boolean assigned(long caseId, long memberId) {
    return jdbc.sql("SELECT COUNT(*) FROM case_assignee WHERE case_id = ? AND member_id = ?")
            .params(caseId, memberId)
            .query(Integer.class)
            .single()
        > 0;
  }
}
