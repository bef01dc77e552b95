package org.cpansec.server.security;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;
import org.cpansec.server.account.AccountEvents;
import org.cpansec.server.account.AccountEvents.Kind;
import org.cpansec.server.account.Accounts;
import org.cpansec.server.account.AccountsProperties;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.MemberAccount;
import org.cpansec.server.account.MemberStore;
import org.cpansec.server.account.PasswordRules;
import org.cpansec.server.account.WorkspaceProperties;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The two steps of signing in: the password, then the TOTP code. Every refusal looks the same to
 * the client (an unknown username costs the same hash as a known one); the reason goes to {@code
 * account_event}. {@code cpansec.accounts.lockout-threshold} consecutive failures (passwords or
 * codes) lock the account for {@code lockout-duration}; only a full sign-in resets the count, so
 * knowing the password does not buy unlimited guesses at the code.
 */
@Service
public class SignIn {
  /** How the code step ended. */
  public enum Outcome {
    /** Signed in. */
    ACCEPTED,
    /** Wrong or reused code: the member may try again. */
    REFUSED,
    /** Refused, and the account is now locked (or was disabled meanwhile): start again. */
    LOCKED,
    /** The code came too long after the password: start again. */
    EXPIRED
  }

  /** The outcome of the code step, with the member when accepted. */
  public record CodeResult(Outcome outcome, Optional<Member> member) {}

  private final MemberStore members;
  private final AccountEvents events;
  private final PasswordEncoder encoder;
  private final AccountsProperties config;
  private final WorkspaceProperties workspace;
  private final Clock clock;
  private volatile String dummyHash;

  public SignIn(
      MemberStore members,
      AccountEvents events,
      PasswordEncoder encoder,
      AccountsProperties config,
      WorkspaceProperties workspace,
      Clock clock) {
    this.members = members;
    this.events = events;
    this.encoder = encoder;
    this.config = config;
    this.workspace = workspace;
    this.clock = clock;
  }

  /**
   * Refusals of unknown, locked or disabled accounts cost one hash check too, like a wrong
   * password. The hash they are checked against is made on first use, not at start-up, where an
   * Argon2id hash would cost half a second of the two cores.
   */
  private String dummyHash() {
    String hash = dummyHash;
    if (hash == null) {
      hash = encoder.encode("not a password of anyone: the cost of a refusal");
      dummyHash = hash;
    }
    return hash;
  }

  /** Checks username and password; the pending sign-in when accepted, else empty. */
  public Optional<PendingSignIn> password(String username, String password, String client) {
    String user = Accounts.normalizeUsername(username);
    String given = password == null || password.length() > PasswordRules.MAX_LENGTH ? "" : password;
    OffsetDateTime now = OffsetDateTime.now(clock);
    Optional<MemberAccount> found = user.isEmpty() ? Optional.empty() : members.byUsername(user);
    if (found.isEmpty()) {
      encoder.matches(given, dummyHash());
      events.record(Kind.SIGN_IN_FAILED, null, user, null, client, "unknown username");
      return Optional.empty();
    }
    MemberAccount a = found.get();
    String refusal =
        a.lockedAt(now)
            ? "locked until " + a.lockedUntil()
            : !a.enabled() ? "account disabled" : !a.enrolled() ? "not enrolled" : null;
    if (refusal != null) {
      encoder.matches(given, dummyHash());
      events.record(Kind.SIGN_IN_FAILED, a.id(), a.username(), null, client, refusal);
      return Optional.empty();
    }
    if (!encoder.matches(given, a.passwordHash())) {
      fail(a, "wrong password", client, now);
      return Optional.empty();
    }
    return Optional.of(new PendingSignIn(a.id(), a.username(), clock.instant()));
  }

  /** Checks the code of a pending sign-in. */
  public CodeResult code(PendingSignIn pending, String code, String client) {
    Instant nowInstant = clock.instant();
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (pending.passwordAcceptedAt().plus(config.codeStepTimeout()).isBefore(nowInstant)) {
      events.record(
          Kind.SIGN_IN_FAILED,
          pending.memberId(),
          pending.username(),
          null,
          client,
          "code step timed out");
      return new CodeResult(Outcome.EXPIRED, Optional.empty());
    }
    Optional<MemberAccount> found = members.byId(pending.memberId());
    if (found.isEmpty()
        || !found.get().enabled()
        || !found.get().enrolled()
        || found.get().lockedAt(now)) {
      events.record(
          Kind.SIGN_IN_FAILED,
          pending.memberId(),
          pending.username(),
          null,
          client,
          "account locked, disabled or reset during sign-in");
      return new CodeResult(Outcome.LOCKED, Optional.empty());
    }
    MemberAccount a = found.get();
    long last = a.totpLastStep() == null ? Long.MIN_VALUE : a.totpLastStep();
    OptionalLong step = Totp.matchingStep(a.totpSecret(), code, nowInstant, last);
    if (step.isEmpty() || !members.useStep(a.id(), step.getAsLong())) {
      boolean reused =
          Totp.matchingStep(a.totpSecret(), code, nowInstant, Long.MIN_VALUE).isPresent();
      boolean locked = fail(a, reused ? "code already used" : "wrong code", client, now);
      return new CodeResult(locked ? Outcome.LOCKED : Outcome.REFUSED, Optional.empty());
    }
    members.clearFailures(a.id());
    Optional<Member> member = members.activeMember(a.id(), workspace.agreementVersion());
    events.record(Kind.SIGN_IN, a.id(), a.username(), null, client, null);
    return new CodeResult(Outcome.ACCEPTED, member);
  }

  /** Counts a failure; true when it locked the account. */
  private boolean fail(MemberAccount a, String reason, String client, OffsetDateTime now) {
    boolean locked =
        members.recordFailure(
            a.id(), config.lockoutThreshold(), now.plus(config.lockoutDuration()));
    events.record(Kind.SIGN_IN_FAILED, a.id(), a.username(), null, client, reason);
    if (locked) {
      events.record(
          Kind.LOCKED_OUT,
          a.id(),
          a.username(),
          null,
          client,
          "after "
              + config.lockoutThreshold()
              + " consecutive failures, until "
              + now.plus(config.lockoutDuration()));
    }
    return locked;
  }
}
