package org.cpansec.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Optional;
import java.util.Set;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** What a signed-in member is to Spring Security, and what of it the session store keeps. */
class MemberAuthenticationTest {
  private final Member alice =
      new Member(
          7, "alice", "Alice", "alice@example.org", Set.of(Role.ADMIN, Role.CNA_MEMBER), true);

  @Test
  void rolesAreRoleAuthoritiesAndTheNameIsTheUsername() {
    MemberAuthentication a = MemberAuthentication.of(alice);
    assertThat(a.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_CNA_MEMBER", "ROLE_ADMIN");
    assertThat(a.getName()).isEqualTo("alice");
    assertThat(a.isAuthenticated()).isTrue();
    assertThat(a.member()).isEqualTo(alice);
    assertThat(a.getCredentials()).isEqualTo("");
  }

  @Test
  void theStoredCopyKeepsIdAndNameButNotTheMember() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(MemberAuthentication.of(alice));
    }
    MemberAuthentication back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (MemberAuthentication) in.readObject();
    }
    assertThat(back.memberId()).isEqualTo(7);
    assertThat(back.getName()).isEqualTo("alice");
    // Read afresh from the database on each request (MemberContextFilter), never from the session.
    assertThat(back.member()).isNull();
    assertThat(currentMemberWith(back)).isEmpty();
    assertThat(currentMemberWith(MemberAuthentication.of(alice))).hasValue(alice);
  }

  /** What {@link SecurityContextCurrentMember} answers with this authentication in the context. */
  private static Optional<Member> currentMemberWith(MemberAuthentication auth) {
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(auth);
    SecurityContextHolder.setContext(context);
    try {
      return new SecurityContextCurrentMember().get();
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}
