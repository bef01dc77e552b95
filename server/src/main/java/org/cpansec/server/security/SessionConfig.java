package org.cpansec.server.security;

import org.cpansec.server.account.AccountsProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Sessions in the database (Spring Session JDBC; tables from migration V7, never created by Spring
 * Session itself), so any replica serves any member. Every session ends after {@code
 * cpansec.accounts.session-idle-timeout} without a request (30 minutes by default).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(JdbcIndexedSessionRepository.class)
public class SessionConfig {
  /** Runs after Spring Boot's own customizer, so this timeout is the one that holds. */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  SessionRepositoryCustomizer<JdbcIndexedSessionRepository> idleTimeout(
      AccountsProperties accounts) {
    return repository -> repository.setDefaultMaxInactiveInterval(accounts.sessionIdleTimeout());
  }
}
