package org.cpansec.server.authz;

import java.util.Set;
import org.cpansec.server.account.Role;

/**
 * A viewer of the matrix: a client, and what the access rule of ADR 0008 says they hold — written
 * out here from the roles the test gave them, not asked of the server's {@code CaseAccess}.
 *
 * @param member a signed-in member (false: anonymous, or an external party's session)
 * @param signed the member signed the current agreement
 * @param namedOnSensitive the member is a CNA member named on the sensitive case
 */
record Who(
    String name,
    Browser browser,
    boolean member,
    Set<Role> roles,
    boolean signed,
    boolean namedOnSensitive,
    long memberId) {

  static Who anonymous(String name, Browser browser) {
    return new Who(name, browser, false, Set.of(), false, false, 0);
  }

  /** A signed member holding CPANSEC_MEMBER or CNA_MEMBER: sees the ordinary cases. */
  boolean workspaceMember() {
    return member
        && signed
        && (roles.contains(Role.CPANSEC_MEMBER) || roles.contains(Role.CNA_MEMBER));
  }

  boolean cna() {
    return workspaceMember() && roles.contains(Role.CNA_MEMBER);
  }

  boolean admin() {
    return member && roles.contains(Role.ADMIN);
  }

  /** The members' view of the case (the rule, ADR 0008). */
  boolean sees(MatrixCase c) {
    return workspaceMember() && (!c.sensitive() || (cna() && namedOnSensitive));
  }

  @Override
  public String toString() {
    return name;
  }
}
