package org.cpansec.server.account;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/accounts} (admins only): list the accounts and recent account events, create an
 * account with roles, reset an enrolment, disable and enable. Creating or resetting shows the
 * one-time enrolment link, once.
 */
@Controller
public class AdminAccountsController {
  /** One row of the list. */
  public record Row(
      long id,
      String username,
      String displayName,
      String email,
      String roles,
      boolean enabled,
      String state,
      String agreement) {}

  /** The creation form's fields, kept when it comes back with an error. */
  public record Form(String username, String displayName, String email, Set<Role> roles) {}

  private final Accounts accounts;
  private final MemberStore members;
  private final AccountEvents events;
  private final Agreement agreement;
  private final CurrentMember current;
  private final AccountsProperties config;
  private final Clock clock;

  public AdminAccountsController(
      Accounts accounts,
      MemberStore members,
      AccountEvents events,
      Agreement agreement,
      CurrentMember current,
      AccountsProperties config,
      Clock clock) {
    this.accounts = accounts;
    this.members = members;
    this.events = events;
    this.agreement = agreement;
    this.current = current;
    this.config = config;
    this.clock = clock;
  }

  /** The admin area's entry: the accounts (other admin pages link from there). */
  @GetMapping("/admin")
  public String admin() {
    return "redirect:/admin/accounts";
  }

  @GetMapping("/admin/accounts")
  public String list(Model model) {
    return list(model, new Form("", "", "", EnumSet.noneOf(Role.class)));
  }

  @PostMapping("/admin/accounts")
  public String create(
      @RequestParam(defaultValue = "") String username,
      @RequestParam(defaultValue = "") String displayName,
      @RequestParam(defaultValue = "") String email,
      @RequestParam(required = false) List<String> roles,
      HttpServletResponse res,
      Model model) {
    Set<Role> given = EnumSet.noneOf(Role.class);
    for (String r : roles == null ? List.<String>of() : roles) {
      try {
        given.add(Role.valueOf(r));
      } catch (IllegalArgumentException e) {
        // Only the listed roles can be ticked; anything else is ignored.
      }
    }
    Form form = new Form(username, displayName, email, given);
    try {
      Accounts.Created created = accounts.create(username, displayName, email, given, me().id());
      return link(true, Accounts.normalizeUsername(username), created.link(), res, model);
    } catch (AccountException e) {
      res.setStatus(422);
      model.addAttribute("error", e.getMessage());
      return list(model, form);
    }
  }

  @PostMapping("/admin/accounts/{id}/reset")
  public String reset(
      @PathVariable long id, HttpServletResponse res, Model model, RedirectAttributes flash) {
    try {
      Enrolments.Link link = accounts.resetEnrolment(id, me().id());
      String username = members.byId(id).map(MemberAccount::username).orElse("");
      return link(false, username, link, res, model);
    } catch (AccountException e) {
      flash.addFlashAttribute("error", e.getMessage());
      return "redirect:/admin/accounts";
    }
  }

  @PostMapping("/admin/accounts/{id}/disable")
  public String disable(@PathVariable long id, RedirectAttributes flash) {
    try {
      accounts.disable(id, me().id());
      flash.addFlashAttribute("message", "Disabled " + name(id) + "; their sessions ended.");
    } catch (AccountException e) {
      flash.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/admin/accounts";
  }

  @PostMapping("/admin/accounts/{id}/enable")
  public String enable(@PathVariable long id, RedirectAttributes flash) {
    try {
      accounts.enable(id, me().id());
      flash.addFlashAttribute("message", "Enabled " + name(id) + ".");
    } catch (AccountException e) {
      flash.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/admin/accounts";
  }

  private String list(Model model, Form form) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<Row> rows = new ArrayList<>();
    for (MemberAccount a : members.all()) {
      String state = a.enabled() ? "enabled" : "disabled";
      state += a.enrolled() ? ", enrolled" : ", awaiting enrolment";
      if (a.lockedAt(now)) {
        state += ", locked until " + a.lockedUntil().withNano(0);
      }
      String signed =
          agreement.signedAt(a.id()).isPresent() ? agreement.version() + " signed" : "not signed";
      rows.add(
          new Row(
              a.id(),
              a.username(),
              a.displayName(),
              a.email(),
              RoleNames.describe(a.roles()),
              a.enabled(),
              state,
              signed));
    }
    model.addAttribute("accounts", rows);
    model.addAttribute("events", events.recent(50));
    model.addAttribute("form", form);
    model.addAttribute("allRoles", Role.values());
    model.addAttribute("roleNames", RoleNames.NAMES);
    model.addAttribute("validity", describe(config.enrolmentValidity()));
    return "admin/accounts";
  }

  private String link(
      boolean created,
      String username,
      Enrolments.Link link,
      HttpServletResponse res,
      Model model) {
    res.setHeader("Cache-Control", "no-store");
    model.addAttribute("created", created);
    model.addAttribute("username", username);
    model.addAttribute("url", link.url().toString());
    model.addAttribute("expiresAt", link.expiresAt());
    return "admin/accounts-link";
  }

  private String name(long id) {
    return members.byId(id).map(MemberAccount::username).orElse("#" + id);
  }

  private static String describe(Duration d) {
    return d.toMinutes() % 60 == 0 ? d.toHours() + " hours" : d.toMinutes() + " minutes";
  }

  private Member me() {
    return current.get().orElseThrow(NotSignedIn::new);
  }
}
