package org.cpansec.server.comms;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.cpansec.server.account.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock the tests hold still: dates computed by a test match the server's. It starts at a whole
 * microsecond, what both databases store, so a time read back equals the time written.
 */
@TestConfiguration(proxyBeanMethods = false)
class CommsTestConfig {
  @Bean
  @Primary
  MutableClock commsTestClock() {
    return new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
  }
}
