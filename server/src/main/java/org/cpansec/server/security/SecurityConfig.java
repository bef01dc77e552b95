package org.cpansec.server.security;

import jakarta.servlet.http.HttpServletResponse;
import org.cpansec.server.account.AccountEvents;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.MemberStore;
import org.cpansec.server.account.WorkspaceProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The public site stays public (no sign-in; every form CSRF-protected; the JSON API under {@code
 * /v1/} exempt from CSRF: it uses no cookies or sessions, so there is no ambient authority to
 * forge). The workspace is not:
 *
 * <ul>
 *   <li>{@code /cna/**} and {@code /account/**}: a member signed in with password and code (any
 *       role); on {@code /cna/**} also the current agreement signed, else only a notice;
 *   <li>{@code /admin/**} and {@code /actuator/metrics}: role ADMIN (health probes and info stay
 *       public);
 *   <li>anyone else asking for those is redirected to {@code /login}; a member lacking the role
 *       gets 403 with a page saying so.
 * </ul>
 *
 * Sign-in is {@link SignInController}'s (two steps), sign-out is {@code POST /logout}. Every
 * response carries strict headers.
 *
 * <p>The API under {@code /v1/} has a chain of its own, ahead of the site's: stateless (no session
 * is read or made, no member is looked up), with the same headers. It is the hot path of the
 * platform, so it passes through as few filters as the headers need.
 */
@Configuration
@ConditionalOnWebApplication
public class SecurityConfig {
  static final String CSP =
      "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self';"
          + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  @Bean
  SecurityContextRepository securityContextRepository() {
    return new HttpSessionSecurityContextRepository();
  }

  @Bean
  CsrfTokenRepository csrfTokenRepository() {
    return new HttpSessionCsrfTokenRepository();
  }

  /**
   * No Micrometer observation around each security filter: at thousands of API requests a second
   * the per-filter observations cost more than the filters themselves. Requests are still timed as
   * a whole ({@code http.server.requests}).
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  /** The OSV-compatible API: public, stateless, no cookies, no CSRF (nothing ambient to forge). */
  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/v1/**"))
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(
            c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .csrf(c -> c.disable())
        .logout(l -> l.disable())
        .headers(SecurityConfig::strictHeaders)
        .requestCache(c -> c.disable())
        .anonymous(a -> a.disable());
    return http.build();
  }

  private static void strictHeaders(HeadersConfigurer<HttpSecurity> h) {
    h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
        .frameOptions(f -> f.deny())
        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
        // Feeds and pages set their own caching (ETag, Last-Modified, no-store).
        .cacheControl(c -> c.disable());
  }

  @Bean
  SecurityFilterChain site(
      HttpSecurity http,
      SecurityContextRepository contexts,
      CsrfTokenRepository csrfTokens,
      MemberStore members,
      WorkspaceProperties workspace,
      CurrentMember current,
      AccountEvents events)
      throws Exception {
    PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
    RequestMatcher cna = path.matcher("/cna/**");
    http.authorizeHttpRequests(
            a ->
                a.requestMatchers(cna, path.matcher("/account/**"))
                    .authenticated()
                    // Metrics name the workspace's URL templates with request counts and
                    // statuses: activity on embargoed cases is nobody else's business.
                    .requestMatchers(
                        path.matcher("/admin/**"), path.matcher("/actuator/metrics/**"))
                    .hasRole("ADMIN")
                    .anyRequest()
                    .permitAll())
        .securityContext(c -> c.securityContextRepository(contexts))
        .addFilterAfter(
            new MemberContextFilter(members, workspace), SecurityContextHolderFilter.class)
        .addFilterAfter(new AgreementGateFilter(cna, current), AuthorizationFilter.class)
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
                    .accessDeniedHandler(
                        (req, res, denied) -> {
                          if (denied instanceof CsrfException || current.get().isEmpty()) {
                            // A stale form, or no member: the plain error page, as before.
                            res.sendError(HttpServletResponse.SC_FORBIDDEN);
                          } else {
                            res.setStatus(HttpServletResponse.SC_FORBIDDEN);
                            req.getRequestDispatcher("/account/forbidden").forward(req, res);
                          }
                        }))
        .logout(
            l ->
                l.logoutUrl("/logout")
                    .addLogoutHandler(recordSignOut(events))
                    .logoutSuccessUrl("/login?signedOut"))
        .csrf(c -> c.csrfTokenRepository(csrfTokens))
        .headers(SecurityConfig::strictHeaders)
        .requestCache(c -> c.disable())
        .anonymous(a -> a.disable());
    return http.build();
  }

  private static LogoutHandler recordSignOut(AccountEvents events) {
    return (req, res, auth) -> {
      if (auth instanceof MemberAuthentication m) {
        events.record(
            AccountEvents.Kind.SIGNED_OUT,
            m.memberId(),
            m.getName(),
            null,
            req.getRemoteAddr(),
            null);
      }
    };
  }
}
