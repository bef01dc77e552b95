package org.cpansec.server.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A member's own account: {@code /account} (details, sessions, "sign out everywhere"), {@code
 * /account/agreement} (read and sign the current pre-release disclosure agreement), and the two
 * pages the security rules forward to: the "sign the agreement first" notice and "not for your
 * role".
 */
@Controller
public class AccountController {
  private final CurrentMember current;
  private final Agreement agreement;
  private final MemberStore members;
  private final MemberSessions sessions;
  private final AccountEvents events;

  public AccountController(
      CurrentMember current,
      Agreement agreement,
      MemberStore members,
      MemberSessions sessions,
      AccountEvents events) {
    this.current = current;
    this.agreement = agreement;
    this.members = members;
    this.sessions = sessions;
    this.events = events;
  }

  @GetMapping("/account")
  public String account(Model model) {
    Member me = me();
    model.addAttribute("member", me);
    model.addAttribute("roles", RoleNames.describe(me.roles()));
    model.addAttribute("version", agreement.version());
    model.addAttribute("signedAt", agreement.signedAt(me.id()).orElse(null));
    model.addAttribute("signatures", members.signatures(me.id()));
    model.addAttribute("sessions", sessions.count(me.username()));
    return "account/account";
  }

  /** Ends every session of the member, on every replica, this one included. */
  @PostMapping("/account/sign-out-everywhere")
  public String signOutEverywhere(HttpServletRequest req) {
    Member me = me();
    int ended = sessions.endAll(me.username());
    events.record(
        AccountEvents.Kind.SIGNED_OUT_EVERYWHERE,
        me.id(),
        me.username(),
        null,
        req.getRemoteAddr(),
        ended + " session(s) ended");
    SecurityContextHolder.clearContext();
    HttpSession session = req.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    return "redirect:/login?everywhere";
  }

  @GetMapping("/account/agreement")
  public String agreementPage(Model model) {
    Member me = me();
    model.addAttribute("version", agreement.version());
    model.addAttribute("page", agreement.text().orElse(null));
    model.addAttribute("signedAt", agreement.signedAt(me.id()).orElse(null));
    return "account/agreement";
  }

  @PostMapping("/account/agreement")
  public String sign(
      @RequestParam(defaultValue = "") String version,
      @RequestParam(required = false) String agree,
      HttpServletRequest req,
      HttpServletResponse res,
      Model model) {
    Member me = me();
    String error = null;
    if (!"yes".equals(agree)) {
      error = "Tick the box to say you have read the agreement and agree to it.";
    } else {
      try {
        agreement.sign(me, version, req.getRemoteAddr());
        return "redirect:/cna";
      } catch (AccountException e) {
        error = e.getMessage();
      }
    }
    res.setStatus(422);
    model.addAttribute("error", error);
    return agreementPage(model);
  }

  /** The notice every /cna page shows until the current agreement is signed (status 403). */
  @RequestMapping("/account/agreement-required")
  public String agreementRequired(HttpServletResponse res, Model model) {
    Member me = me();
    res.setStatus(HttpServletResponse.SC_FORBIDDEN);
    model.addAttribute("member", me);
    model.addAttribute("roles", RoleNames.describe(me.roles()));
    model.addAttribute("version", agreement.version());
    return "account/agreement-required";
  }

  /** A member asked for a page their roles do not open (status 403). */
  @RequestMapping("/account/forbidden")
  public String forbidden(HttpServletResponse res, Model model) {
    Member me = me();
    res.setStatus(HttpServletResponse.SC_FORBIDDEN);
    model.addAttribute("roles", RoleNames.describe(me.roles()));
    return "account/forbidden";
  }

  private Member me() {
    return current.get().orElseThrow(NotSignedIn::new);
  }
}
