package org.cpansec.server.cveid;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The little the pool's pages need to know about cases, and who may see them (ADR 0008): a signed
 * member with {@code CPANSEC_MEMBER} or {@code CNA_MEMBER} sees a case; a sensitive case only when
 * they are a CNA member named on it ({@code case_assignee}). A case one may not see is reported as
 * absent.
 */
@Repository
public class PoolCases {
  private final JdbcClient jdbc;

  public PoolCases(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A case as the pool's pages show it. */
  public record CaseView(
      long id, String reference, String title, String state, boolean sensitive) {}

  /** May this member see the workspace at all? */
  public static boolean mayEnter(Member m) {
    return m != null
        && m.maySeeEmbargoed()
        && (m.has(Role.CPANSEC_MEMBER) || m.has(Role.CNA_MEMBER));
  }

  /** The case with that reference, if the member may see it. */
  public Optional<CaseView> visible(String reference, Member m) {
    if (!mayEnter(m)) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT id, reference, title, state, sensitive FROM cna_case WHERE reference = ?")
        .param(reference)
        .query(
            (rs, n) ->
                new CaseView(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getBoolean(5)))
        .optional()
        .filter(c -> !c.sensitive() || (m.isCna() && namedCases(m).contains(c.id())));
  }

  /** The cases this member is named on. */
  public Set<Long> namedCases(Member m) {
    return new HashSet<>(
        jdbc.sql("SELECT case_id FROM case_assignee WHERE member_id = ?")
            .param(m.id())
            .query(Long.class)
            .list());
  }
}
