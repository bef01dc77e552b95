package org.cpansec.server.mail;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Who is signed in, for the mail admin pages' tests: whatever the test puts in {@link #WHO} (nobody
 * by default). Sign-in itself belongs to the account package.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestAdmin {
  /** The member the next requests are made as; null for nobody. */
  static final AtomicReference<Member> WHO = new AtomicReference<>();

  @Bean
  @Primary
  CurrentMember testCurrentMember() {
    return () -> Optional.ofNullable(WHO.get());
  }
}
