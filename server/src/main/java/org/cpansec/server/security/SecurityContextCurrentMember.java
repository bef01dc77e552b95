package org.cpansec.server.security;

import java.util.Optional;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * {@link CurrentMember} from Spring Security's context: the member read from the database for this
 * request (by {@link MemberContextFilter}) once password and code were both accepted; empty for
 * anyone else, including someone between the two steps. Templates reach it as {@code
 * ${@currentMember.get()}}.
 */
@Component("currentMember")
public class SecurityContextCurrentMember implements CurrentMember {
  @Override
  public Optional<Member> get() {
    Authentication a = SecurityContextHolder.getContext().getAuthentication();
    if (a instanceof MemberAuthentication m && m.isAuthenticated()) {
      return Optional.ofNullable(m.member());
    }
    return Optional.empty();
  }
}
