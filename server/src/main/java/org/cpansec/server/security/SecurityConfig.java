package org.cpansec.server.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Everything is public (no login on this side of the platform), but every form is CSRF-protected
 * and every response carries strict headers. The JSON API under {@code /v1/} is exempt from CSRF:
 * it uses no cookies or sessions, so there is no ambient authority to forge.
 */
@Configuration
public class SecurityConfig {
  static final String CSP =
      "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self';"
          + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  @Bean
  SecurityFilterChain publicSite(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .csrf(c -> c.ignoringRequestMatchers("/v1/**"))
        .headers(
            h ->
                h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                    .frameOptions(f -> f.deny())
                    .referrerPolicy(
                        r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                    // Feeds and pages set their own caching (ETag, Last-Modified, no-store).
                    .cacheControl(c -> c.disable()))
        .requestCache(c -> c.disable())
        .anonymous(a -> a.disable());
    return http.build();
  }
}
