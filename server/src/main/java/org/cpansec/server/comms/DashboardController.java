package org.cpansec.server.comms;

import jakarta.servlet.http.HttpServletResponse;
import org.cpansec.server.account.Agreement;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.RoleNames;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /cna}: the workspace dashboard — who is signed in, cases by state, what is overdue and due
 * soon, and the cases assigned to the member ({@link Dashboard}). Reached only by a member who
 * signed the current agreement (security's agreement gate shows others its notice instead).
 */
@Controller
public class DashboardController {
  private final CurrentMember current;
  private final Agreement agreement;
  private final Dashboard dashboard;
  private final CommsProperties config;

  DashboardController(
      CurrentMember current, Agreement agreement, Dashboard dashboard, CommsProperties config) {
    this.current = current;
    this.agreement = agreement;
    this.dashboard = dashboard;
    this.config = config;
  }

  @GetMapping("/cna")
  public String home(Model model, HttpServletResponse res) {
    Member me =
        current
            .get()
            .orElseThrow(
                () -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "not signed in"));
    model.addAttribute("member", me);
    model.addAttribute("roles", RoleNames.describe(me.roles()));
    model.addAttribute("version", agreement.version());
    model.addAttribute("signedAt", agreement.signedAt(me.id()).orElse(null));
    model.addAttribute("d", dashboard.of(me));
    model.addAttribute("dueSoon", words(config.dueSoon()));
    res.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    return "comms/dashboard";
  }

  /** "3 days", "12 hours", "30 minutes". */
  static String words(java.time.Duration d) {
    if (d.toMinutes() % (24 * 60) == 0) {
      long days = d.toDays();
      return days + (days == 1 ? " day" : " days");
    }
    if (d.toMinutes() % 60 == 0) {
      long hours = d.toHours();
      return hours + (hours == 1 ? " hour" : " hours");
    }
    long minutes = d.toMinutes();
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }
}
