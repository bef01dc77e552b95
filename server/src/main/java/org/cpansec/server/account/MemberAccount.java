package org.cpansec.server.account;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * A row of {@code member_account} with its roles, as the account package sees it (credentials and
 * sign-in state included). The rest of the workspace sees {@link Member} only.
 */
public record MemberAccount(
    long id,
    String username,
    String displayName,
    String email,
    String passwordHash,
    String totpSecret,
    boolean enabled,
    int failedAttempts,
    OffsetDateTime lockedUntil,
    Long totpLastStep,
    OffsetDateTime enrolledAt,
    OffsetDateTime createdAt,
    Set<Role> roles) {

  public MemberAccount {
    roles = Set.copyOf(roles);
  }

  /** Has a password and a confirmed TOTP secret: may sign in (when enabled and not locked). */
  public boolean enrolled() {
    return passwordHash != null && totpSecret != null;
  }

  /** Locked at this instant? */
  public boolean lockedAt(OffsetDateTime now) {
    return lockedUntil != null && lockedUntil.isAfter(now);
  }

  @Override
  public String toString() {
    return "MemberAccount[" + id + ", " + username + ", roles=" + roles + "]";
  }
}
