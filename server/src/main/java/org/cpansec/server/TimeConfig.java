package org.cpansec.server;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link Clock} every time-dependent service takes (disclosure dates, lockouts, reminders),
 * so tests can replace it with a fixed or stepping clock.
 */
@Configuration(proxyBeanMethods = false)
public class TimeConfig {
  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }
}
