package org.cpansec.server.cases;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /case/{token}}: an external party's view of the one case their link opens. A malformed,
 * unknown or revoked token answers 404, like any page that does not exist.
 */
@Controller
public class ExternalCaseController {
  private final ExternalGrants grants;
  private final ExternalCases external;

  ExternalCaseController(ExternalGrants grants, ExternalCases external) {
    this.grants = grants;
    this.external = external;
  }

  private Viewer viewer(String token) {
    return grants.resolve(token).orElseThrow(CaseNotFoundException::new);
  }

  /** Not found, or not visible: the site's own 404 page, the same for both. */
  @ExceptionHandler(CaseNotFoundException.class)
  void notFound(HttpServletResponse res) throws IOException {
    res.sendError(HttpStatus.NOT_FOUND.value());
  }

  /** A refusal where no page can show it (a download): its status, without case data. */
  @ExceptionHandler(CaseRefusedException.class)
  void refused(CaseRefusedException e, HttpServletResponse res) throws IOException {
    res.sendError(e.kind().status());
  }

  @GetMapping("/case/{token}")
  public String view(@PathVariable String token, Model model, HttpServletResponse res) {
    return page(token, viewer(token), model, res);
  }

  private String page(String token, Viewer viewer, Model model, HttpServletResponse res) {
    model.addAttribute("v", external.view(viewer));
    model.addAttribute("token", token);
    res.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    res.setHeader("X-Robots-Tag", "noindex");
    return "external/case";
  }

  @PostMapping("/case/{token}")
  public String comment(
      @PathVariable String token,
      @RequestParam(name = "body", defaultValue = "") String body,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer viewer = viewer(token);
    try {
      external.comment(viewer, body);
    } catch (CaseRefusedException e) {
      res.setStatus(e.kind().status());
      model.addAttribute("error", e.getMessage());
      model.addAttribute("body", body);
      return page(token, viewer, model, res);
    }
    redirect.addFlashAttribute("notice", "Your comment was added.");
    return "redirect:/case/" + token;
  }

  @PostMapping("/case/{token}/confirm")
  public String confirm(
      @PathVariable String token,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer viewer = viewer(token);
    try {
      external.confirmVulnerability(viewer);
    } catch (CaseRefusedException e) {
      res.setStatus(e.kind().status());
      model.addAttribute("error", e.getMessage());
      return page(token, viewer, model, res);
    }
    redirect.addFlashAttribute("notice", "Thank you: your statement is recorded.");
    return "redirect:/case/" + token;
  }
}
