package org.cpansec.server.account;

import java.util.Set;

/**
 * A signed-in member as the rest of the workspace sees them: who they are, their roles, and whether
 * they have signed the current version of the pre-release disclosure agreement. A member who has
 * not signed sees no embargoed data at all (CPANSEC-PROCESS.md §5), whatever their roles.
 */
public record Member(
    long id,
    String username,
    String displayName,
    String email,
    Set<Role> roles,
    boolean signedCurrentAgreement) {

  public Member {
    roles = Set.copyOf(roles);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public boolean isCna() {
    return roles.contains(Role.CNA_MEMBER);
  }

  public boolean isAdmin() {
    return roles.contains(Role.ADMIN);
  }

  /** May this member see embargoed data at all (before any per-case restriction)? */
  public boolean maySeeEmbargoed() {
    return signedCurrentAgreement;
  }
}
