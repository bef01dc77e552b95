package org.cpansec.server.mailin;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Who is signed in, for the admin page's tests. Sign-in itself (password and TOTP) is the account
 * package's work; this stands in for its {@link CurrentMember} so that the page's own access check
 * can be tested: the test sets the member, the page sees it.
 */
@TestConfiguration(proxyBeanMethods = false)
class SignedInAs {
  private static final AtomicReference<Member> WHO = new AtomicReference<>();

  static void nobody() {
    WHO.set(null);
  }

  static void member(boolean admin, boolean signed) {
    WHO.set(
        new Member(
            7,
            admin ? "admin" : "member",
            "Test Person",
            "person@cpansec.test",
            admin ? Set.of(Role.ADMIN, Role.CNA_MEMBER) : Set.of(Role.CNA_MEMBER),
            signed));
  }

  @Bean
  @Primary
  CurrentMember testCurrentMember() {
    return () -> Optional.ofNullable(WHO.get());
  }
}
