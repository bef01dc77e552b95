package org.cpansec.server.record;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Who is signed in, for the record editor's web tests (sign-in is built elsewhere): the test sets
 * the member, every request of the server then sees them. Tests run one at a time.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RecordTestMember {
  private static final AtomicReference<Member> SIGNED_IN = new AtomicReference<>();

  /** Signs {@code member} in; null signs out. */
  public static void signIn(Member member) {
    SIGNED_IN.set(member);
  }

  @Bean
  @Primary
  CurrentMember recordTestCurrentMember() {
    return () -> Optional.ofNullable(SIGNED_IN.get());
  }
}
