package org.cpansec.server.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The password hash: Argon2id (Bouncy Castle), 16-byte salt, 32-byte hash, 16 MiB, 2 passes. */
@Configuration(proxyBeanMethods = false)
public class AccountConfig {
  @Bean
  PasswordEncoder passwordEncoder() {
    return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
  }
}
