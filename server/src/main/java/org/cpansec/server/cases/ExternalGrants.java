package org.cpansec.server.cases;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cpansec.server.audit.AuditLog;
import org.cpansec.server.intake.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * External parties' links to a case: created and revoked by CNA members; a link's token (256 random
 * bits, the intake's {@link TrackingToken}) is shown once and stored only as its SHA-256. The
 * reporter's link is the tracking token of their report.
 */
@Service
public class ExternalGrants {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private final JdbcClient jdbc;
  private final CaseAccess access;
  private final AuditLog audit;
  private final Clock clock;

  ExternalGrants(JdbcClient jdbc, CaseAccess access, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  /** A new link: the grant, and the token to give to the party (shown once, never stored). */
  public record Issued(CaseGrant grant, String token) {
    @Override
    public String toString() {
      return "Issued[" + grant + ", token redacted]";
    }
  }

  /** Creates a link for a maintainer, the perl security team or another party. */
  @Transactional
  public Issued create(String reference, Party party, String name, String email, Viewer viewer) {
    CaseRecord c = access.forCna(reference, viewer, "give external parties a link");
    if (party == null || party == Party.REPORTER) {
      throw CaseRefusedException.invalid(
          "Choose maintainer, perl security team or other party (the reporter's link is their"
              + " tracking link).");
    }
    String who = Texts.optional(name, "The name", 200);
    String address = Texts.optional(email, "The e-mail address", 320);
    if (address != null && !EMAIL.matcher(address).matches()) {
      throw CaseRefusedException.invalid("The e-mail address must look like name@example.org.");
    }
    TrackingToken token = TrackingToken.random();
    long id =
        insert(c.id(), party, who, address, token.hash(), CaseAccess.member(viewer).id(), now());
    audit.append(
        viewer.actor(), "case.grant.create", c.id(), "link " + id + " for " + party.name());
    return new Issued(grant(id).orElseThrow(), token.value());
  }

  /** Revokes a link of the case; at once, and for good. */
  @Transactional
  public void revoke(String reference, long grantId, Viewer viewer) {
    CaseRecord c = access.forCna(reference, viewer, "revoke external links");
    CaseGrant g =
        grant(grantId)
            .filter(x -> x.caseId() == c.id())
            .orElseThrow(() -> CaseRefusedException.invalid("This case has no such link."));
    if (g.revoked()) {
      throw CaseRefusedException.conflict("This link is already revoked.");
    }
    jdbc.sql("UPDATE case_grant SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .params(now(), grantId)
        .update();
    audit.append(
        viewer.actor(), "case.grant.revoke", c.id(), "link " + grantId + " (" + g.party() + ")");
  }

  /**
   * The external viewer a token stands for, while its link is valid. Nothing for a malformed,
   * unknown or revoked token (the caller answers all three alike).
   */
  public Optional<Viewer> resolve(String token) {
    if (!TrackingToken.looksValid(token)) {
      return Optional.empty();
    }
    String hash = new TrackingToken(token).hash();
    return jdbc.sql(
            "SELECT id, case_id, party, name, email, created_at, revoked_at FROM case_grant"
                + " WHERE token_hash = ? AND revoked_at IS NULL")
        .param(hash)
        .query((rs, n) -> grant(rs))
        .optional()
        .map(Viewer.External::new);
  }

  long insert(
      long caseId,
      Party party,
      String name,
      String email,
      String tokenHash,
      Long by,
      OffsetDateTime at) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO case_grant (case_id, party, name, email, token_hash, created_by,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(caseId, party.name(), name, email, tokenHash, by, at)
        .update(keys, "id");
    return CaseStore.generatedId(keys);
  }

  Optional<CaseGrant> grant(long id) {
    return jdbc.sql(
            "SELECT id, case_id, party, name, email, created_at, revoked_at FROM case_grant"
                + " WHERE id = ?")
        .param(id)
        .query((rs, n) -> grant(rs))
        .optional();
  }

  List<CaseGrant> list(long caseId) {
    return jdbc.sql(
            "SELECT id, case_id, party, name, email, created_at, revoked_at FROM case_grant"
                + " WHERE case_id = ? ORDER BY id")
        .param(caseId)
        .query((rs, n) -> grant(rs))
        .list();
  }

  private static CaseGrant grant(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new CaseGrant(
        rs.getLong(1),
        rs.getLong(2),
        Party.valueOf(rs.getString(3)),
        rs.getString(4),
        rs.getString(5),
        rs.getObject(6, OffsetDateTime.class),
        rs.getObject(7, OffsetDateTime.class));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
