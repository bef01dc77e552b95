package org.cpansec.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.cpansec.server.account.AccountsProperties;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /login} (username and password), then {@code /login/totp} (the code). Only after both is
 * the member signed in; the session id changes after each step (fixation), and the CSRF token is
 * replaced at sign-in. Every refusal shows the same message.
 */
@Controller
public class SignInController {
  /** The one message for every refusal: it never says which part was wrong. */
  static final String REFUSED =
      "Sign-in failed: the username, password or code was not accepted. After repeated failures"
          + " sign-in is paused for a while.";

  private final SignIn signIn;
  private final CurrentMember current;
  private final SecurityContextRepository contexts;
  private final CsrfTokenRepository csrf;
  private final AccountsProperties config;
  private final SecurityContextHolderStrategy holder =
      SecurityContextHolder.getContextHolderStrategy();

  public SignInController(
      SignIn signIn,
      CurrentMember current,
      SecurityContextRepository contexts,
      CsrfTokenRepository csrf,
      AccountsProperties config) {
    this.signIn = signIn;
    this.current = current;
    this.contexts = contexts;
    this.csrf = csrf;
    this.config = config;
  }

  @GetMapping("/login")
  public String loginPage(HttpServletRequest req, Model model) {
    if (current.get().isPresent()) {
      return "redirect:/cna";
    }
    String[] notices = {"signedOut", "everywhere", "enrolled", "expired", "failed"};
    for (String n : notices) {
      if (req.getParameter(n) != null) {
        model.addAttribute("notice", n);
      }
    }
    if (req.getParameter("failed") != null) {
      model.addAttribute("error", REFUSED);
    }
    return "account/login";
  }

  @PostMapping("/login")
  public String password(
      @RequestParam(defaultValue = "") String username,
      @RequestParam(defaultValue = "") String password,
      HttpServletRequest req,
      Model model) {
    Optional<PendingSignIn> pending = signIn.password(username, password, req.getRemoteAddr());
    if (pending.isEmpty()) {
      model.addAttribute("error", REFUSED);
      model.addAttribute("username", username.length() > 64 ? "" : username);
      return "account/login";
    }
    HttpSession session = req.getSession();
    req.changeSessionId();
    session.setAttribute(PendingSignIn.ATTRIBUTE, pending.get());
    return "redirect:/login/totp";
  }

  @GetMapping("/login/totp")
  public String codePage(HttpServletRequest req) {
    if (pending(req).isEmpty()) {
      return "redirect:/login";
    }
    return "account/login-totp";
  }

  @PostMapping("/login/totp")
  public String code(
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest req,
      HttpServletResponse res,
      Model model) {
    Optional<PendingSignIn> pending = pending(req);
    if (pending.isEmpty()) {
      return "redirect:/login";
    }
    SignIn.CodeResult result = signIn.code(pending.get(), code, req.getRemoteAddr());
    HttpSession session = req.getSession();
    switch (result.outcome()) {
      case REFUSED -> {
        model.addAttribute("error", REFUSED);
        return "account/login-totp";
      }
      case EXPIRED -> {
        session.removeAttribute(PendingSignIn.ATTRIBUTE);
        return "redirect:/login?expired";
      }
      case LOCKED -> {
        session.removeAttribute(PendingSignIn.ATTRIBUTE);
        return "redirect:/login?failed";
      }
      case ACCEPTED -> {
        session.removeAttribute(PendingSignIn.ATTRIBUTE);
        Optional<Member> member = result.member();
        if (member.isEmpty()) {
          return "redirect:/login?failed";
        }
        req.changeSessionId();
        session.setMaxInactiveInterval((int) config.sessionIdleTimeout().toSeconds());
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(MemberAuthentication.of(member.get()));
        holder.setContext(context);
        contexts.saveContext(context, req, res);
        // A new CSRF token from the next page on: one seen before sign-in is worthless.
        csrf.saveToken(null, req, res);
        return "redirect:/cna";
      }
      default -> throw new IllegalStateException(result.outcome().name());
    }
  }

  private static Optional<PendingSignIn> pending(HttpServletRequest req) {
    HttpSession session = req.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    return session.getAttribute(PendingSignIn.ATTRIBUTE) instanceof PendingSignIn p
        ? Optional.of(p)
        : Optional.empty();
  }
}
