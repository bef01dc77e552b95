package org.cpansec.server.account;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What admins do to accounts: create one (roles given, no password: the member enrols from a
 * one-time link), reset an enrolment, disable and enable. Every action is recorded in {@code
 * account_event}; disabling or resetting ends the member's sessions on every replica.
 */
@Service
public class Accounts {
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /** An account just created, with the enrolment link to hand to the member. */
  public record Created(long memberId, Enrolments.Link link) {}

  private final MemberStore members;
  private final Enrolments enrolments;
  private final AccountEvents events;
  private final MemberSessions sessions;
  private final TransactionTemplate tx;
  private final Clock clock;

  public Accounts(
      MemberStore members,
      Enrolments enrolments,
      AccountEvents events,
      MemberSessions sessions,
      TransactionTemplate tx,
      Clock clock) {
    this.members = members;
    this.enrolments = enrolments;
    this.events = events;
    this.sessions = sessions;
    this.tx = tx;
    this.clock = clock;
  }

  /** The username as stored: trimmed, lower case. */
  public static String normalizeUsername(String username) {
    return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Creates an account and its first enrolment link.
   *
   * @param actorId the admin, or null for the {@code admin create} command
   * @throws AccountException when a field is invalid or the username is taken
   */
  public Created create(
      String username, String displayName, String email, Set<Role> roles, Long actorId) {
    String user = normalizeUsername(username);
    if (!USERNAME.matcher(user).matches()) {
      throw new AccountException(
          "A username is 2 to 64 characters: lower-case letters, digits, '.', '_' or '-',"
              + " starting with a letter or digit.");
    }
    String name = displayName == null ? "" : displayName.strip();
    if (name.isEmpty()
        || name.length() > 200
        || name.codePoints().anyMatch(Character::isISOControl)) {
      throw new AccountException("Give the member's name (1 to 200 characters, on one line).");
    }
    String mail = email == null ? "" : email.strip();
    if (mail.length() > 320 || !EMAIL.matcher(mail).matches()) {
      throw new AccountException("Give the member's mail address, such as name@example.org.");
    }
    if (roles == null || roles.isEmpty()) {
      throw new AccountException("Give the account at least one role.");
    }
    Set<Role> given = EnumSet.copyOf(roles);
    AccountException taken = new UsernameTakenException(user);
    try {
      return tx.execute(
          s -> {
            if (members.usernameExists(user)) {
              throw taken;
            }
            long id = members.create(user, name, mail, given, actorId, OffsetDateTime.now(clock));
            events.record(
                AccountEvents.Kind.ACCOUNT_CREATED, id, user, actorId, null, "roles " + given);
            return new Created(id, enrolments.issue(id, actorId));
          });
    } catch (DuplicateKeyException e) {
      // Created by someone else between the check and the insert.
      throw taken;
    }
  }

  /**
   * Forgets the member's password and TOTP secret, ends their sessions, and issues a new link.
   *
   * @throws AccountException when there is no such account
   */
  public Enrolments.Link resetEnrolment(long memberId, Long actorId) {
    MemberAccount a = existing(memberId);
    Enrolments.Link link =
        tx.execute(
            s -> {
              members.clearCredentials(memberId);
              events.record(
                  AccountEvents.Kind.ENROLMENT_RESET, memberId, a.username(), actorId, null, null);
              return enrolments.issue(memberId, actorId);
            });
    sessions.endAll(a.username());
    return link;
  }

  /**
   * Disables the account and ends its sessions. An admin cannot disable their own account.
   *
   * @throws AccountException when there is no such account, or it is the admin's own
   */
  public void disable(long memberId, long actorId) {
    MemberAccount a = existing(memberId);
    if (memberId == actorId) {
      throw new AccountException(
          "You cannot disable your own account: ask another admin, so that one always remains.");
    }
    members.setEnabled(memberId, false);
    events.record(AccountEvents.Kind.ACCOUNT_DISABLED, memberId, a.username(), actorId, null, null);
    sessions.endAll(a.username());
  }

  /** Enables the account again (its credentials are unchanged). */
  public void enable(long memberId, long actorId) {
    MemberAccount a = existing(memberId);
    members.setEnabled(memberId, true);
    events.record(AccountEvents.Kind.ACCOUNT_ENABLED, memberId, a.username(), actorId, null, null);
  }

  private MemberAccount existing(long memberId) {
    return members
        .byId(memberId)
        .orElseThrow(() -> new AccountException("There is no account #" + memberId + "."));
  }
}
