package org.cpansec.server.cpanindex;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.cases.CaseNotFoundException;
import org.cpansec.server.cases.CaseRefusedException;
import org.cpansec.server.cases.Cases;
import org.cpansec.server.cases.Viewer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code POST /cna/cases/{ref}/blast-radius/cpan-index}: the case page's "Fill from CPAN index"
 * button. Done, it goes back to the case page with a notice; refused, it shows the reason (403 not
 * a CNA member, 409 no index, 422 no or unknown distribution) with a link back. A case the member
 * may not see answers 404, like a case that does not exist.
 */
@Controller
public class CaseBlastRadiusController {
  private final ObjectProvider<CurrentMember> current;
  private final CaseBlastRadius fill;

  public CaseBlastRadiusController(ObjectProvider<CurrentMember> current, CaseBlastRadius fill) {
    this.current = current;
    this.fill = fill;
  }

  @PostMapping("/cna/cases/{ref}/blast-radius/cpan-index")
  public String fill(
      @PathVariable String ref, Model model, HttpServletResponse res, RedirectAttributes redirect) {
    if (!Cases.REFERENCE.matcher(ref).matches()) {
      throw new CaseNotFoundException();
    }
    CurrentMember who = current.getIfAvailable();
    Viewer viewer = who == null ? Viewer.anonymous() : Viewer.of(who.get());
    try {
      CaseBlastRadius.Filled filled = fill.fill(ref, viewer);
      redirect.addFlashAttribute("notice", filled.notice());
      return "redirect:/cna/cases/" + ref;
    } catch (CaseRefusedException e) {
      res.setStatus(e.kind().status());
      res.setHeader("Cache-Control", "no-store");
      model.addAttribute("reference", ref);
      model.addAttribute("error", e.getMessage());
      return "cpanindex/case-refused";
    }
  }

  /** Not found, or not visible: the site's own 404 page, the same for both. */
  @ExceptionHandler(CaseNotFoundException.class)
  void notFound(HttpServletResponse res) throws IOException {
    res.sendError(HttpStatus.NOT_FOUND.value());
  }
}
