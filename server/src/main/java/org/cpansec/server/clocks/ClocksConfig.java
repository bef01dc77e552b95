package org.cpansec.server.clocks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock rules as a bean, from {@code cpansec.clocks.*}. */
@Configuration(proxyBeanMethods = false)
public class ClocksConfig {
  @Bean
  ClockRules clockRules(ClocksProperties properties) {
    return new ClockRules(properties);
  }
}
