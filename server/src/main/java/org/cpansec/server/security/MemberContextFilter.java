package org.cpansec.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.MemberStore;
import org.cpansec.server.account.WorkspaceProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.GenericFilterBean;

/**
 * Reads the signed-in member afresh for each request: roles, and whether they signed the current
 * agreement, come from the database, not from the session. An account disabled or reset meanwhile
 * loses its session here (its sessions are also deleted when that happens).
 *
 * <p>Not a bean: {@link SecurityConfig} puts it in the security filter chain only.
 */
final class MemberContextFilter extends GenericFilterBean {
  private final SecurityContextHolderStrategy holder =
      SecurityContextHolder.getContextHolderStrategy();
  private final MemberStore members;
  private final WorkspaceProperties workspace;

  MemberContextFilter(MemberStore members, WorkspaceProperties workspace) {
    this.members = members;
    this.workspace = workspace;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Authentication a = holder.getContext().getAuthentication();
    if (a instanceof MemberAuthentication m && m.member() == null) {
      Optional<Member> fresh = members.activeMember(m.memberId(), workspace.agreementVersion());
      if (fresh.isEmpty()) {
        holder.clearContext();
        HttpSession session = ((HttpServletRequest) request).getSession(false);
        if (session != null) {
          session.invalidate();
        }
      } else {
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(MemberAuthentication.of(fresh.get()));
        holder.setContext(context);
      }
    }
    chain.doFilter(request, response);
  }
}
