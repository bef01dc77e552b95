package org.cpansec.server.account;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code account_event} log: every sign-in, failure, lockout and sign-out, and every change an
 * admin or the member makes to an account. Appended only.
 */
@Repository
public class AccountEvents {
  /** What happened. */
  public enum Kind {
    /** Password and code accepted: the member is signed in. */
    SIGN_IN,
    /** A password or code was refused (the detail says which, and why). */
    SIGN_IN_FAILED,
    /** Too many consecutive failures: the account refuses every sign-in for a while. */
    LOCKED_OUT,
    /** The member signed out (this session). */
    SIGNED_OUT,
    /** The member ended all of their sessions. */
    SIGNED_OUT_EVERYWHERE,
    /** An admin created the account. */
    ACCOUNT_CREATED,
    /** An admin issued an enrolment link (on creation or reset). */
    ENROLMENT_ISSUED,
    /** An admin reset the enrolment: password and TOTP secret forgotten. */
    ENROLMENT_RESET,
    /** The member set a password and confirmed a TOTP secret. */
    ENROLLED,
    /** An admin disabled the account (its sessions ended). */
    ACCOUNT_DISABLED,
    /** An admin enabled the account again. */
    ACCOUNT_ENABLED,
    /** The member signed a version of the pre-release disclosure agreement. */
    AGREEMENT_SIGNED
  }

  /** One event, for the admin page. */
  public record Event(
      long id,
      OffsetDateTime at,
      Kind kind,
      Long memberId,
      String username,
      Long actorId,
      String client,
      String detail) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public AccountEvents(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Appends an event.
   *
   * @param memberId the account concerned, null when the username matched none
   * @param username the account's username, or the name tried (cut to 64 characters)
   * @param actorId the member who acted, when not the account itself (an admin)
   * @param client the client's address, when from a request
   */
  public void record(
      Kind kind, Long memberId, String username, Long actorId, String client, String detail) {
    jdbc.sql(
            "INSERT INTO account_event (at, kind, member_id, username, actor_id, client, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            OffsetDateTime.now(clock),
            kind.name(),
            memberId,
            cut(username, 64),
            actorId,
            cut(client, 100),
            cut(detail, 500))
        .update();
  }

  /** The newest events, newest first. */
  public List<Event> recent(int limit) {
    return jdbc.sql(
            "SELECT id, at, kind, member_id, username, actor_id, client, detail FROM account_event"
                + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY")
        .param(limit)
        .query(AccountEvents::event)
        .list();
  }

  /** A member's events, newest first. */
  public List<Event> of(long memberId, int limit) {
    return jdbc.sql(
            "SELECT id, at, kind, member_id, username, actor_id, client, detail FROM account_event"
                + " WHERE member_id = ? ORDER BY id DESC FETCH FIRST ? ROWS ONLY")
        .params(memberId, limit)
        .query(AccountEvents::event)
        .list();
  }

  private static Event event(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    long member = rs.getLong(4);
    Long memberId = rs.wasNull() ? null : member;
    long actor = rs.getLong(6);
    Long actorId = rs.wasNull() ? null : actor;
    return new Event(
        rs.getLong(1),
        rs.getObject(2, OffsetDateTime.class),
        Kind.valueOf(rs.getString(3)),
        memberId,
        rs.getString(5),
        actorId,
        rs.getString(7),
        rs.getString(8));
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
