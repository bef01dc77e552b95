package org.cpansec.server.account;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** How roles read on pages. */
public final class RoleNames {
  /** Each role's name on pages. */
  public static final Map<Role, String> NAMES =
      Map.of(
          Role.CPANSEC_MEMBER, "CPANSec member",
          Role.CNA_MEMBER, "CNA member",
          Role.ADMIN, "Admin");

  private RoleNames() {}

  /** The roles as a sentence fragment, in a fixed order: "CNA member, Admin". */
  public static String describe(Set<Role> roles) {
    if (roles.isEmpty()) {
      return "none";
    }
    return roles.stream().sorted().map(NAMES::get).collect(Collectors.joining(", "));
  }
}
