package org.cpansec.server.cases;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * For the cases' own web tests only (sign-in is built elsewhere): the member the test says is
 * signed in, or nobody. Replaced by the real authorization-matrix test once sign-in is merged.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestCurrentMember implements CurrentMember {
  private final AtomicReference<Member> member = new AtomicReference<>();

  @Override
  public Optional<Member> get() {
    return Optional.ofNullable(member.get());
  }

  /** Signs this member in for the following requests; null signs out. */
  public void set(Member m) {
    member.set(m);
  }

  /** The bean, preferred over any real {@link CurrentMember}. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Config {
    @Bean
    @Primary
    TestCurrentMember testCurrentMember() {
      return new TestCurrentMember();
    }
  }
}
