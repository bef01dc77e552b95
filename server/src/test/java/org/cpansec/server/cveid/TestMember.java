package org.cpansec.server.cveid;

import java.util.Optional;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;

/** "Who is signed in" as the test says (sign-in itself is another package's). */
public final class TestMember implements CurrentMember {
  private volatile Member member;

  public void signIn(Member m) {
    this.member = m;
  }

  public void signOut() {
    this.member = null;
  }

  @Override
  public Optional<Member> get() {
    return Optional.ofNullable(member);
  }
}
