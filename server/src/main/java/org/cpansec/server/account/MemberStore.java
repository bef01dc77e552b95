package org.cpansec.server.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The member tables ({@code member_account}, {@code member_role}, {@code agreement_signature}):
 * plain SQL, common to H2 and PostgreSQL. Callers pass the time (from the injected clock).
 */
@Repository
public class MemberStore {
  private static final String COLUMNS =
      "id, username, display_name, email, password_hash, totp_secret, enabled, failed_attempts,"
          + " locked_until, totp_last_step, enrolled_at, created_at";

  private final JdbcClient jdbc;

  public MemberStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates an account without credentials (the member sets them when enrolling); its id. */
  @Transactional
  public long create(
      String username,
      String displayName,
      String email,
      Set<Role> roles,
      Long createdBy,
      OffsetDateTime at) {
    jdbc.sql(
            "INSERT INTO member_account (username, display_name, email, enabled, created_at,"
                + " created_by) VALUES (?, ?, ?, TRUE, ?, ?)")
        .params(username, displayName, email, at, createdBy)
        .update();
    long id =
        jdbc.sql("SELECT id FROM member_account WHERE username = ?")
            .param(username)
            .query(Long.class)
            .single();
    for (Role r : roles) {
      jdbc.sql("INSERT INTO member_role (member_id, role) VALUES (?, ?)")
          .params(id, r.name())
          .update();
    }
    return id;
  }

  public boolean usernameExists(String username) {
    return jdbc.sql("SELECT COUNT(*) FROM member_account WHERE username = ?")
            .param(username)
            .query(Integer.class)
            .single()
        > 0;
  }

  public Optional<MemberAccount> byUsername(String username) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM member_account WHERE username = ?")
        .param(username)
        .query((rs, n) -> row(rs, Set.of()))
        .optional()
        .map(this::withRoles);
  }

  public Optional<MemberAccount> byId(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM member_account WHERE id = ?")
        .param(id)
        .query((rs, n) -> row(rs, Set.of()))
        .optional()
        .map(this::withRoles);
  }

  /** Every account, by username. */
  public List<MemberAccount> all() {
    Map<Long, Set<Role>> roles = new LinkedHashMap<>();
    jdbc.sql("SELECT member_id, role FROM member_role")
        .query(
            rs -> {
              roles
                  .computeIfAbsent(rs.getLong(1), k -> EnumSet.noneOf(Role.class))
                  .add(Role.valueOf(rs.getString(2)));
            });
    return jdbc.sql("SELECT " + COLUMNS + " FROM member_account ORDER BY username")
        .query((rs, n) -> row(rs, roles.getOrDefault(rs.getLong(1), Set.of())))
        .list();
  }

  /**
   * The member as the workspace sees them, when the account exists, is enabled and enrolled;
   * whether they signed {@code agreementVersion} is read now.
   */
  public Optional<Member> activeMember(long id, String agreementVersion) {
    return byId(id)
        .filter(a -> a.enabled() && a.enrolled())
        .map(
            a ->
                new Member(
                    a.id(),
                    a.username(),
                    a.displayName(),
                    a.email(),
                    a.roles(),
                    signedAt(a.id(), agreementVersion).isPresent()));
  }

  public void setEnabled(long id, boolean enabled) {
    jdbc.sql("UPDATE member_account SET enabled = ? WHERE id = ?").params(enabled, id).update();
  }

  /** Forgets password and TOTP secret: the member must enrol again (reset by an admin). */
  public void clearCredentials(long id) {
    jdbc.sql(
            "UPDATE member_account SET password_hash = NULL, totp_secret = NULL,"
                + " totp_last_step = NULL, enrolled_at = NULL, failed_attempts = 0,"
                + " locked_until = NULL WHERE id = ?")
        .param(id)
        .update();
  }

  /** Sets the credentials chosen at enrolment; the confirming code's step counts as used. */
  public void setCredentials(
      long id, String passwordHash, String totpSecret, long usedStep, OffsetDateTime at) {
    jdbc.sql(
            "UPDATE member_account SET password_hash = ?, totp_secret = ?, totp_last_step = ?,"
                + " enrolled_at = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?")
        .params(passwordHash, totpSecret, usedStep, at, id)
        .update();
  }

  /**
   * Counts one more failed password or code; at {@code threshold} consecutive failures the account
   * locks until {@code lockUntil} (and the count starts again). True when this failure locked it.
   */
  @Transactional
  public boolean recordFailure(long id, int threshold, OffsetDateTime lockUntil) {
    jdbc.sql("UPDATE member_account SET failed_attempts = failed_attempts + 1 WHERE id = ?")
        .param(id)
        .update();
    int locked =
        jdbc.sql(
                "UPDATE member_account SET failed_attempts = 0, locked_until = ?"
                    + " WHERE id = ? AND failed_attempts >= ?")
            .params(lockUntil, id, threshold)
            .update();
    return locked > 0;
  }

  /** A full sign-in: the failure count starts again. */
  public void clearFailures(long id) {
    jdbc.sql("UPDATE member_account SET failed_attempts = 0, locked_until = NULL WHERE id = ?")
        .param(id)
        .update();
  }

  /**
   * Marks a TOTP step used, only when it is later than the last one used: one conditional UPDATE,
   * so two requests (or replicas) with the same code cannot both succeed. True when marked.
   */
  public boolean useStep(long id, long step) {
    return jdbc.sql(
                "UPDATE member_account SET totp_last_step = ? WHERE id = ?"
                    + " AND (totp_last_step IS NULL OR totp_last_step < ?)")
            .params(step, id, step)
            .update()
        == 1;
  }

  /** When the member signed this version of the agreement, if they did. */
  public Optional<OffsetDateTime> signedAt(long memberId, String version) {
    return jdbc.sql(
            "SELECT signed_at FROM agreement_signature WHERE member_id = ? AND agreement_version = ?")
        .params(memberId, version)
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
        .optional();
  }

  /** Records a signature; signing a version already signed changes nothing. True when recorded. */
  @Transactional
  public boolean sign(long memberId, String version, OffsetDateTime at) {
    if (signedAt(memberId, version).isPresent()) {
      return false;
    }
    jdbc.sql(
            "INSERT INTO agreement_signature (member_id, agreement_version, signed_at)"
                + " VALUES (?, ?, ?)")
        .params(memberId, version, at)
        .update();
    return true;
  }

  /** Every signature of a member, newest first: version and time. */
  public List<Signature> signatures(long memberId) {
    return jdbc.sql(
            "SELECT agreement_version, signed_at FROM agreement_signature WHERE member_id = ?"
                + " ORDER BY signed_at DESC")
        .param(memberId)
        .query((rs, n) -> new Signature(rs.getString(1), rs.getObject(2, OffsetDateTime.class)))
        .list();
  }

  /** One signature of the agreement. */
  public record Signature(String version, OffsetDateTime signedAt) {}

  private MemberAccount withRoles(MemberAccount a) {
    return new MemberAccount(
        a.id(),
        a.username(),
        a.displayName(),
        a.email(),
        a.passwordHash(),
        a.totpSecret(),
        a.enabled(),
        a.failedAttempts(),
        a.lockedUntil(),
        a.totpLastStep(),
        a.enrolledAt(),
        a.createdAt(),
        roles(a.id()));
  }

  private Set<Role> roles(long id) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    jdbc.sql("SELECT role FROM member_role WHERE member_id = ?")
        .param(id)
        .query(String.class)
        .list()
        .forEach(r -> roles.add(Role.valueOf(r)));
    return roles;
  }

  private static MemberAccount row(ResultSet rs, Set<Role> roles) throws SQLException {
    long step = rs.getLong(10);
    Long lastStep = rs.wasNull() ? null : step;
    return new MemberAccount(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getBoolean(7),
        rs.getInt(8),
        rs.getObject(9, OffsetDateTime.class),
        lastStep,
        rs.getObject(11, OffsetDateTime.class),
        rs.getObject(12, OffsetDateTime.class),
        roles);
  }
}
