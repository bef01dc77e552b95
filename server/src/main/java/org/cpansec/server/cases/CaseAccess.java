package org.cpansec.server.cases;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.MemberStore;
import org.cpansec.server.account.Role;
import org.cpansec.server.account.WorkspaceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The access rule of ADR 0008, in one place. A viewer sees a case when
 *
 * <ul>
 *   <li>they are a member who signed the current agreement and holds {@code CPANSEC_MEMBER} or
 *       {@code CNA_MEMBER}, and — when the case is sensitive — they are a CNA member named on it;
 *       or
 *   <li>they hold an unrevoked external grant on that very case (and then see only the external
 *       view).
 * </ul>
 *
 * Nobody else sees anything, whatever the case's state: a published case's public face is its
 * advisory, not the case. {@code ADMIN} alone grants no case access. Lists, searches and counts use
 * {@link #visible(Viewer)}, the same rule as SQL. Only CNA members change a case.
 */
@Component
public class CaseAccess {
  private final JdbcClient jdbc;
  private final CaseStore store;
  private final MemberStore members;
  private final WorkspaceProperties workspace;

  CaseAccess(JdbcClient jdbc, CaseStore store, MemberStore members, WorkspaceProperties workspace) {
    this.jdbc = jdbc;
    this.store = store;
    this.members = members;
    this.workspace = workspace;
  }

  /** A member who may see the (non-sensitive) cases of the workspace at all. */
  public static boolean isWorkspaceMember(Member m) {
    return m != null
        && m.maySeeEmbargoed()
        && (m.has(Role.CPANSEC_MEMBER) || m.has(Role.CNA_MEMBER));
  }

  /** A member who may change cases they see. */
  public static boolean isCnaMember(Member m) {
    return isWorkspaceMember(m) && m.isCna();
  }

  /** May this viewer see this case (in the view their kind gets)? */
  public boolean maySee(Viewer viewer, CaseRecord c) {
    if (viewer instanceof Viewer.Staff s) {
      return memberMaySee(s.member(), c);
    }
    if (viewer instanceof Viewer.External e) {
      return e.grant().caseId() == c.id() && grantActive(e.grant().id());
    }
    return false;
  }

  private boolean memberMaySee(Member m, CaseRecord c) {
    if (!isWorkspaceMember(m)) {
      return false;
    }
    return !c.sensitive() || (m.isCna() && store.isNamed(c.id(), m.id()));
  }

  /** Whether the grant exists and is not revoked, read now (a revocation acts at once). */
  boolean grantActive(long grantId) {
    return jdbc.sql("SELECT COUNT(*) FROM case_grant WHERE id = ? AND revoked_at IS NULL")
            .param(grantId)
            .query(Integer.class)
            .single()
        > 0;
  }

  /** A WHERE clause over {@code cna_case c} with its parameters. */
  public record Clause(String sql, List<Object> params) {
    public Clause {
      params = List.copyOf(params);
    }
  }

  static final Clause NOTHING = new Clause("1 = 0", List.of());

  /** The cases this viewer may see, as SQL: for lists, searches and counts. */
  public Clause visible(Viewer viewer) {
    if (viewer instanceof Viewer.Staff s) {
      Member m = s.member();
      if (!isWorkspaceMember(m)) {
        return NOTHING;
      }
      if (!m.isCna()) {
        return new Clause("c.sensitive = FALSE", List.of());
      }
      return new Clause(
          "(c.sensitive = FALSE OR EXISTS (SELECT 1 FROM case_restricted_member r"
              + " WHERE r.case_id = c.id AND r.member_id = ?))",
          List.of(m.id()));
    }
    if (viewer instanceof Viewer.External e) {
      return new Clause(
          "(c.id = ? AND EXISTS (SELECT 1 FROM case_grant g WHERE g.id = ?"
              + " AND g.case_id = c.id AND g.revoked_at IS NULL))",
          List.of(e.grant().caseId(), e.grant().id()));
    }
    return NOTHING;
  }

  /**
   * The case for the members' view: the viewer must be a member who may see it. Anything else — no
   * such case, not visible, an external link — is "not found". Public for the other packages'
   * workspace pages of a case (record editor, CVE IDs, clocks).
   */
  public CaseRecord forMember(String reference, Viewer viewer) {
    if (!(viewer instanceof Viewer.Staff) || reference == null) {
      throw new CaseNotFoundException();
    }
    CaseRecord c = store.byReference(reference).orElseThrow(CaseNotFoundException::new);
    if (!maySee(viewer, c)) {
      throw new CaseNotFoundException();
    }
    return c;
  }

  /**
   * Like {@link #forMember}, and the member must be a CNA member to {@code doWhat} (else {@link
   * CaseRefusedException}, 403, saying so).
   */
  public CaseRecord forCna(String reference, Viewer viewer, String doWhat) {
    CaseRecord c = forMember(reference, viewer);
    if (!isCnaMember(((Viewer.Staff) viewer).member())) {
      throw CaseRefusedException.notAllowed("Only CNA members " + doWhat + ".");
    }
    return c;
  }

  /** May this viewer see the case with this id? False for a case that does not exist. */
  public boolean maySee(Viewer viewer, long caseId) {
    return store.byId(caseId).filter(c -> maySee(viewer, c)).isPresent();
  }

  /**
   * The case with this reference when the viewer is a member who may see it, for the workspace
   * pages of other packages (clocks, ...): empty for no such case, a case the viewer may not see,
   * or a viewer who is no member — callers answer all of these alike ("not found"). Not audited:
   * the caller audits what it reads or changes.
   */
  public Optional<CaseRecord> memberCase(String reference, Viewer viewer) {
    if (!(viewer instanceof Viewer.Staff) || reference == null || reference.length() > 30) {
      return Optional.empty();
    }
    return store.byReference(reference).filter(c -> maySee(viewer, c));
  }

  /** Like {@link #memberCase(String, Viewer)}, by the case's id. */
  public Optional<CaseRecord> memberCase(long caseId, Viewer viewer) {
    if (!(viewer instanceof Viewer.Staff)) {
      return Optional.empty();
    }
    return store.byId(caseId).filter(c -> maySee(viewer, c));
  }

  /**
   * Who a mail about this case is from, by the sender's address (compared case-insensitively): a
   * member of the workspace with that address who may see the case (the rule above: enabled,
   * enrolled, agreement signed, role, named on a sensitive case) — or else the holder of an
   * unrevoked grant on the case with that address. Empty when the address is no party's: such mail
   * must not reach the case. The address alone is what mail offers; the platform cannot tell a
   * forged From header from a real one (see docs/server.md, "Mail intake").
   */
  Optional<Viewer> mailSender(CaseRecord c, String address) {
    String a = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
    if (a.isEmpty()) {
      return Optional.empty();
    }
    List<Long> ids =
        jdbc.sql(
                "SELECT id FROM member_account WHERE enabled = TRUE AND LOWER(email) = ? ORDER BY id")
            .param(a)
            .query(Long.class)
            .list();
    for (long id : ids) {
      Optional<Viewer> member =
          members
              .activeMember(id, workspace.agreementVersion())
              .<Viewer>map(Viewer.Staff::new)
              .filter(v -> maySee(v, c));
      if (member.isPresent()) {
        return member;
      }
    }
    return jdbc
        .sql(
            "SELECT id, case_id, party, name, email, created_at, revoked_at FROM case_grant"
                + " WHERE case_id = ? AND revoked_at IS NULL AND LOWER(email) = ? ORDER BY id")
        .params(c.id(), a)
        .query(
            (rs, n) ->
                new CaseGrant(
                    rs.getLong(1),
                    rs.getLong(2),
                    Party.valueOf(rs.getString(3)),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getObject(6, java.time.OffsetDateTime.class),
                    rs.getObject(7, java.time.OffsetDateTime.class)))
        .list()
        .stream()
        .findFirst()
        .<Viewer>map(Viewer.External::new);
  }

  /** The case of an external link, while the link is valid; else "not found". */
  CaseRecord forExternal(Viewer viewer) {
    if (!(viewer instanceof Viewer.External e)) {
      throw new CaseNotFoundException();
    }
    CaseRecord c = store.byId(e.grant().caseId()).orElseThrow(CaseNotFoundException::new);
    if (!maySee(viewer, c)) {
      throw new CaseNotFoundException();
    }
    return c;
  }

  /** The member behind a staff viewer (callers have checked the kind). */
  static Member member(Viewer viewer) {
    return ((Viewer.Staff) viewer).member();
  }
}
