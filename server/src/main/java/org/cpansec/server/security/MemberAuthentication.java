package org.cpansec.server.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A member who gave both password and TOTP code. The session keeps the id and username (its
 * principal name, by which Spring Session finds all of a member's sessions); on every request
 * {@link MemberContextFilter} replaces it with one built from the database, carrying the current
 * {@link Member} (roles, enabled, agreement). Roles become authorities {@code ROLE_<role>}.
 */
public final class MemberAuthentication extends AbstractAuthenticationToken {
  /** Fixed, so that sessions stored by one release are read by the next (rolling deploys). */
  private static final long serialVersionUID = 1L;

  private final long memberId;
  private final String username;
  private final transient Member member;

  private MemberAuthentication(
      long memberId, String username, Collection<? extends GrantedAuthority> roles, Member member) {
    super(roles);
    this.memberId = memberId;
    this.username = username;
    this.member = member;
    setAuthenticated(true);
  }

  /** The authentication of a member as now read from the database. */
  public static MemberAuthentication of(Member member) {
    return new MemberAuthentication(
        member.id(), member.username(), authorities(member.roles()), member);
  }

  /** The Spring authorities of roles: {@code ROLE_CNA_MEMBER} and so on. */
  public static List<GrantedAuthority> authorities(Set<Role> roles) {
    return roles.stream()
        .sorted()
        .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
        .toList();
  }

  public long memberId() {
    return memberId;
  }

  /** The member as read for this request; null in the copy read back from the session. */
  public Member member() {
    return member;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  /** The username: Spring Session's principal-name index. */
  @Override
  public Object getPrincipal() {
    return username;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MemberAuthentication m && super.equals(m) && m.memberId == memberId;
  }

  @Override
  public int hashCode() {
    return super.hashCode() * 31 + Long.hashCode(memberId);
  }
}
