package org.cpansec.server.account;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /cna}: the workspace's home page (who is signed in, roles, agreement). Reached only by a
 * member who signed the current agreement (security.AgreementGateFilter shows others a notice).
 */
@Controller
public class WorkspaceHomeController {
  private final CurrentMember current;
  private final Agreement agreement;

  public WorkspaceHomeController(CurrentMember current, Agreement agreement) {
    this.current = current;
    this.agreement = agreement;
  }

  @GetMapping("/cna")
  public String home(Model model) {
    Member me = current.get().orElseThrow(NotSignedIn::new);
    model.addAttribute("member", me);
    model.addAttribute("roles", RoleNames.describe(me.roles()));
    model.addAttribute("version", agreement.version());
    model.addAttribute("signedAt", agreement.signedAt(me.id()).orElse(null));
    return "cna/home";
  }
}
