package org.cpansec.server.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /enrol/{token}}: the one-time link where a new (or reset) member chooses a password and
 * confirms a TOTP secret with a code. An unknown, used, replaced or expired link answers 404 with
 * the same page whatever the reason. The page is never cached (it shows the secret).
 */
@Controller
public class EnrolmentController {
  private final Enrolments enrolments;
  private final PasswordRules rules;

  public EnrolmentController(Enrolments enrolments, PasswordRules rules) {
    this.enrolments = enrolments;
    this.rules = rules;
  }

  @GetMapping("/enrol/{token}")
  public String form(@PathVariable String token, HttpServletResponse res, Model model) {
    res.setHeader("Cache-Control", "no-store");
    Optional<Enrolments.Pending> pending = enrolments.open(token);
    if (pending.isEmpty()) {
      res.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return "account/enrol-invalid";
    }
    return form(token, pending.get(), List.of(), model);
  }

  @PostMapping("/enrol/{token}")
  public String enrol(
      @PathVariable String token,
      @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "") String confirm,
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest req,
      HttpServletResponse res,
      Model model) {
    res.setHeader("Cache-Control", "no-store");
    Optional<Enrolments.Pending> pending = enrolments.open(token);
    if (pending.isEmpty()) {
      res.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return "account/enrol-invalid";
    }
    Enrolments.Result result;
    try {
      result = enrolments.complete(token, password, confirm, code, req.getRemoteAddr());
    } catch (AccountException e) {
      res.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return "account/enrol-invalid";
    }
    if (result.done()) {
      return "redirect:/login?enrolled";
    }
    res.setStatus(422);
    return form(token, pending.get(), result.problems(), model);
  }

  private String form(
      String token, Enrolments.Pending pending, List<String> problems, Model model) {
    model.addAttribute("token", token);
    model.addAttribute("enrolment", pending);
    model.addAttribute("problems", problems);
    model.addAttribute("minLength", rules.minLength());
    return "account/enrol";
  }
}
