package org.cpansec.server.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.GenericFilterBean;

/**
 * Until a member has signed the current pre-release disclosure agreement, every workspace page
 * ({@code /cna/**}, any method) answers 403 with only the "sign the agreement first" notice. Runs
 * after authorization, so the request is already known to come from a signed-in member.
 *
 * <p>Not a bean: {@link SecurityConfig} puts it in the security filter chain only.
 */
final class AgreementGateFilter extends GenericFilterBean {
  /** Where the notice is rendered (forwarded to, never linked). */
  static final String NOTICE = "/account/agreement-required";

  private final RequestMatcher workspace;
  private final CurrentMember current;

  AgreementGateFilter(RequestMatcher workspace, CurrentMember current) {
    this.workspace = workspace;
    this.current = current;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    if (req.getDispatcherType() == DispatcherType.REQUEST && workspace.matches(req)) {
      Optional<Member> member = current.get();
      if (member.isPresent() && !member.get().signedCurrentAgreement()) {
        ((HttpServletResponse) response).setStatus(HttpServletResponse.SC_FORBIDDEN);
        req.getRequestDispatcher(NOTICE).forward(request, response);
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
