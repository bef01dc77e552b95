package org.cpansec.server.mail;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The admins' mail pages: templates (list, edit as a new version, preview with sample values,
 * history), recipients' OpenPGP keys, and the outbox. The sign-in and the {@code /admin/**} rule
 * come from the security configuration; this controller checks again that the signed-in member
 * ({@link CurrentMember}) is an admin, and answers 403 with the reason otherwise.
 *
 * <p>The outbox page names no detail of a case: an admin alone may not see cases (ADR 0008), so a
 * mail that belongs to a case shows its purpose, case id and status, not its subject, recipients or
 * error text.
 */
@Controller
public class MailAdminController {
  private static final int OUTBOX_PAGE = 200;

  private final MailTemplates templates;
  private final RecipientKeys keys;
  private final Outbox outbox;
  private final PgpDecryptor decryptor;
  private final ObjectProvider<CurrentMember> current;

  public MailAdminController(
      MailTemplates templates,
      RecipientKeys keys,
      Outbox outbox,
      PgpDecryptor decryptor,
      ObjectProvider<CurrentMember> current) {
    this.templates = templates;
    this.keys = keys;
    this.outbox = outbox;
    this.decryptor = decryptor;
    this.current = current;
  }

  /** A purpose with its current version, for the list. */
  public record Entry(MailPurpose purpose, TemplateVersion current) {}

  @GetMapping("/admin/mail-templates")
  String list(Model model, HttpServletResponse response) {
    if (!admin(model, response)) {
      return "admin/mail-templates-refused";
    }
    List<Entry> entries =
        java.util.Arrays.stream(MailPurpose.values())
            .map(p -> new Entry(p, templates.current(p)))
            .toList();
    model.addAttribute("entries", entries);
    return "admin/mail-templates";
  }

  @GetMapping("/admin/mail-templates/{purpose}")
  String edit(
      @PathVariable String purpose,
      @RequestParam(required = false) Integer saved,
      Model model,
      HttpServletResponse response) {
    if (!admin(model, response)) {
      return "admin/mail-templates-refused";
    }
    MailPurpose p = purpose(purpose);
    TemplateVersion t = templates.current(p);
    editor(model, p, t, t.subject(), t.body());
    model.addAttribute("saved", saved);
    return "admin/mail-templates-edit";
  }

  @PostMapping("/admin/mail-templates/{purpose}")
  String save(
      @PathVariable String purpose,
      @RequestParam(defaultValue = "") String subject,
      @RequestParam(defaultValue = "") String body,
      @RequestParam(defaultValue = "preview") String action,
      Model model,
      HttpServletResponse response) {
    Optional<Member> member = adminMember(model, response);
    if (member.isEmpty()) {
      return "admin/mail-templates-refused";
    }
    MailPurpose p = purpose(purpose);
    TemplateVersion t = templates.current(p);
    editor(model, p, t, subject, body);
    try {
      if ("save".equals(action)) {
        TemplateVersion v = templates.save(p, subject, body, member.get().id());
        return "redirect:/admin/mail-templates/" + slug(p) + "?saved=" + v.version();
      }
      model.addAttribute("preview", templates.preview(p, subject, body));
    } catch (MailTemplateException e) {
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      model.addAttribute("problems", e.problems());
    }
    return "admin/mail-templates-edit";
  }

  @GetMapping("/admin/mail-templates/{purpose}/history")
  String history(@PathVariable String purpose, Model model, HttpServletResponse response) {
    if (!admin(model, response)) {
      return "admin/mail-templates-refused";
    }
    MailPurpose p = purpose(purpose);
    model.addAttribute("purpose", p);
    model.addAttribute("slug", slug(p));
    model.addAttribute("versions", templates.history(p));
    return "admin/mail-templates-history";
  }

  @GetMapping("/admin/mail-templates/{purpose}/versions/{version}")
  String version(
      @PathVariable String purpose,
      @PathVariable String version,
      Model model,
      HttpServletResponse response) {
    if (!admin(model, response)) {
      return "admin/mail-templates-refused";
    }
    MailPurpose p = purpose(purpose);
    int n;
    try {
      n = Integer.parseInt(version);
    } catch (NumberFormatException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    TemplateVersion v =
        templates
            .version(p, n)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("purpose", p);
    model.addAttribute("slug", slug(p));
    model.addAttribute("v", v);
    model.addAttribute("current", templates.current(p).version() == v.version());
    try {
      model.addAttribute("preview", templates.preview(p, v.subject(), v.body()));
    } catch (MailTemplateException e) {
      model.addAttribute("problems", e.problems());
    }
    return "admin/mail-templates-version";
  }

  @GetMapping("/admin/mail-keys")
  String keys(Model model, HttpServletResponse response) {
    if (!admin(model, response)) {
      return "admin/mail-templates-refused";
    }
    keyPage(model, "", "");
    return "admin/mail-templates-keys";
  }

  @PostMapping("/admin/mail-keys")
  String addKey(
      @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "") String key,
      Model model,
      HttpServletResponse response) {
    Optional<Member> member = adminMember(model, response);
    if (member.isEmpty()) {
      return "admin/mail-templates-refused";
    }
    try {
      RecipientKeys.RecipientKey added = keys.add(email, key, member.get().id());
      return "redirect:/admin/mail-keys?added=" + added.fingerprint();
    } catch (PgpException | IllegalArgumentException e) {
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      model.addAttribute("keyError", e.getMessage());
      keyPage(model, email, key);
      return "admin/mail-templates-keys";
    }
  }

  @PostMapping("/admin/mail-keys/remove")
  String removeKey(
      @RequestParam(defaultValue = "") String email, Model model, HttpServletResponse response) {
    if (!admin(model, response)) {
      return "admin/mail-templates-refused";
    }
    keys.remove(email);
    return "redirect:/admin/mail-keys";
  }

  @GetMapping("/admin/outbox")
  String outbox(Model model, HttpServletResponse response) {
    if (!admin(model, response)) {
      return "admin/mail-templates-refused";
    }
    model.addAttribute("mails", outbox.recent(OUTBOX_PAGE));
    return "admin/mail-templates-outbox";
  }

  private void keyPage(Model model, String email, String key) {
    model.addAttribute("keys", keys.list());
    model.addAttribute("email", email);
    model.addAttribute("key", key);
    model.addAttribute("platformKey", decryptor.fingerprint().orElse(null));
  }

  private void editor(
      Model model, MailPurpose p, TemplateVersion current, String subject, String body) {
    model.addAttribute("purpose", p);
    model.addAttribute("slug", slug(p));
    model.addAttribute("current", current);
    model.addAttribute("subject", subject);
    model.addAttribute("body", body);
    model.addAttribute("samples", p.samples());
  }

  static String slug(MailPurpose p) {
    return p.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private static MailPurpose purpose(String s) {
    return MailPurpose.parse(s)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private boolean admin(Model model, HttpServletResponse response) {
    return adminMember(model, response).isPresent();
  }

  /** The signed-in admin; otherwise sets 403 and the reason, and returns empty. */
  private Optional<Member> adminMember(Model model, HttpServletResponse response) {
    CurrentMember who = current.getIfAvailable();
    Optional<Member> member = who == null ? Optional.empty() : who.get();
    if (member.isPresent() && member.get().isAdmin()) {
      return member;
    }
    response.setStatus(HttpStatus.FORBIDDEN.value());
    model.addAttribute(
        "reason",
        member.isEmpty()
            ? "Sign in as an admin to manage mail."
            : "Only admins manage mail templates, keys and the outbox.");
    return Optional.empty();
  }
}
