package org.cpansec.server.comms;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.cases.CaseNotFoundException;
import org.cpansec.server.cases.CaseRefusedException;
import org.cpansec.server.cases.ExternalCases;
import org.cpansec.server.cases.ExternalGrants;
import org.cpansec.server.cases.Viewer;
import org.cpansec.server.clocks.ClockException;
import org.cpansec.server.cveid.PoolRefusal;
import org.cpansec.server.mail.MailTemplateException;
import org.springframework.beans.factory.ObjectProvider;
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
 * The routes of maintainer contact, extensions, "already public" and assignment:
 *
 * <ul>
 *   <li>{@code GET/POST /cna/cases/{ref}/contact}: the contact form, its preview ({@code
 *       action=preview}) and sending ({@code action=send});
 *   <li>{@code POST /cna/cases/{ref}/extension-requests/{id}}: grant or refuse a maintainer's
 *       request;
 *   <li>{@code POST /cna/cases/{ref}/already-public}: evidence that the issue is public;
 *   <li>{@code POST /cna/cases/{ref}/assignees}: assign or unassign a member;
 *   <li>{@code POST /case/{token}/extension}: a maintainer asks for a later date.
 * </ul>
 *
 * A case the viewer may not see answers 404 like one that does not exist; a refused action says
 * why, with its status (403 role, 409 state, 422 input).
 */
@Controller
public class CommsController {
  private final ObjectProvider<CurrentMember> currentMember;
  private final MaintainerContact contact;
  private final Extensions extensions;
  private final Assignees assignees;
  private final ExternalGrants grants;
  private final ExternalCases external;

  CommsController(
      ObjectProvider<CurrentMember> currentMember,
      MaintainerContact contact,
      Extensions extensions,
      Assignees assignees,
      ExternalGrants grants,
      ExternalCases external) {
    this.currentMember = currentMember;
    this.contact = contact;
    this.extensions = extensions;
    this.assignees = assignees;
    this.grants = grants;
    this.external = external;
  }

  private Viewer staff() {
    CurrentMember cm = currentMember.getIfAvailable();
    Viewer v = cm == null ? Viewer.anonymous() : Viewer.of(cm.get());
    if (v instanceof Viewer.Staff) {
      return v;
    }
    throw new CaseNotFoundException();
  }

  // ---- contact ----

  @GetMapping("/cna/cases/{ref}/contact")
  public String contactPage(@PathVariable String ref, Model model, HttpServletResponse res) {
    MaintainerContact.Page page = contact.page(ref, staff());
    return contactView(page, page.form(), model, res);
  }

  private String contactView(
      MaintainerContact.Page page,
      MaintainerContact.Form form,
      Model model,
      HttpServletResponse res) {
    model.addAttribute("p", page);
    model.addAttribute("c", page.caseRecord());
    model.addAttribute("form", form);
    res.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    return "comms/contact";
  }

  @PostMapping("/cna/cases/{ref}/contact")
  public String contact(
      @PathVariable String ref,
      @RequestParam(name = "action", defaultValue = "preview") String action,
      @RequestParam(name = "maintainerName", defaultValue = "") String name,
      @RequestParam(name = "maintainerEmail", defaultValue = "") String email,
      @RequestParam(name = "publicKey", defaultValue = "") String publicKey,
      @RequestParam(name = "distribution", defaultValue = "") String distribution,
      @RequestParam(name = "issue", defaultValue = "") String issue,
      @RequestParam(name = "impact", defaultValue = "") String impact,
      @RequestParam(name = "suggestedFix", defaultValue = "") String suggestedFix,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    MaintainerContact.Form form =
        new MaintainerContact.Form(
            name, email, publicKey, distribution, issue, impact, suggestedFix);
    try {
      if ("send".equals(action)) {
        MaintainerContact.Sent sent = contact.send(ref, form, me);
        redirect.addFlashAttribute("notice", sent.message());
        return "redirect:/cna/cases/" + ref;
      }
      model.addAttribute("preview", contact.preview(ref, form, me));
    } catch (MailRefused e) {
      contact.recordRefusal(ref, me, e.getMessage());
      res.setStatus(e.kind().status());
      model.addAttribute("error", e.getMessage());
    } catch (RuntimeException e) {
      int status = refusalStatus(e);
      res.setStatus(status);
      model.addAttribute("error", e.getMessage());
    }
    return contactView(contact.page(ref, me), form, model, res);
  }

  // ---- extensions, already public, assignees ----

  @PostMapping("/cna/cases/{ref}/extension-requests/{id}")
  public String decide(
      @PathVariable String ref,
      @PathVariable long id,
      @RequestParam(name = "decision", defaultValue = "") String decision,
      @RequestParam(name = "reason", defaultValue = "") String reason,
      @RequestParam(name = "grantedDate", defaultValue = "") String grantedDate,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    return act(
        ref,
        () -> {
          if (!decision.equals("grant") && !decision.equals("refuse")) {
            throw CaseGate.invalid("Choose to grant or to refuse the request.");
          }
          return extensions.decide(ref, id, decision.equals("grant"), reason, grantedDate, me);
        },
        model,
        res,
        redirect);
  }

  @PostMapping("/cna/cases/{ref}/already-public")
  public String alreadyPublic(
      @PathVariable String ref,
      @RequestParam(name = "evidenceUrl", defaultValue = "") String evidenceUrl,
      @RequestParam(name = "note", defaultValue = "") String note,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    return act(
        ref, () -> extensions.alreadyPublic(ref, evidenceUrl, note, me), model, res, redirect);
  }

  @PostMapping("/cna/cases/{ref}/assignees")
  public String assign(
      @PathVariable String ref,
      @RequestParam(name = "member", defaultValue = "0") long member,
      @RequestParam(name = "action", defaultValue = "add") String action,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    return act(
        ref,
        () ->
            "remove".equals(action)
                ? assignees.unassign(ref, member, me)
                : assignees.assign(ref, member, me),
        model,
        res,
        redirect);
  }

  /** Runs a change; back to the case page with what it did, or a page saying why not. */
  private String act(
      String ref,
      Supplier<String> action,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    try {
      redirect.addFlashAttribute("notice", action.get());
      return "redirect:/cna/cases/" + ref;
    } catch (CaseNotFoundException e) {
      throw e;
    } catch (RuntimeException e) {
      int status = refusalStatus(e);
      res.setStatus(status);
      res.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      model.addAttribute("error", e.getMessage());
      model.addAttribute("ref", ref);
      return "comms/refused";
    }
  }

  // ---- the maintainer's request ----

  @PostMapping("/case/{token}/extension")
  public String request(
      @PathVariable String token,
      @RequestParam(name = "date", defaultValue = "") String date,
      @RequestParam(name = "reason", defaultValue = "") String reason,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer viewer = grants.resolve(token).orElseThrow(CaseNotFoundException::new);
    try {
      java.time.LocalDate asked = extensions.request(viewer, date, reason);
      redirect.addFlashAttribute(
          "notice", "Your request for " + asked + " is recorded; a CNA member will decide.");
      return "redirect:/case/" + token;
    } catch (CaseNotFoundException e) {
      throw e;
    } catch (RuntimeException e) {
      res.setStatus(refusalStatus(e));
      res.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      res.setHeader("X-Robots-Tag", "noindex");
      model.addAttribute("error", e.getMessage());
      model.addAttribute("extensionDate", date);
      model.addAttribute("extensionReason", reason);
      model.addAttribute("v", external.view(viewer));
      model.addAttribute("token", token);
      return "external/case";
    }
  }

  /**
   * The status of a refusal the person can act on; anything else is a bug and goes on to the error
   * page (500, logged, no stack trace shown).
   */
  private static int refusalStatus(RuntimeException e) {
    if (e instanceof CaseRefusedException r) {
      return r.kind().status();
    }
    if (e instanceof ClockException || e instanceof MailTemplateException) {
      return HttpStatus.UNPROCESSABLE_ENTITY.value();
    }
    if (e instanceof PoolRefusal) {
      return HttpStatus.CONFLICT.value();
    }
    throw e;
  }

  /** Not found, or not visible: the site's own 404 page, the same for both. */
  @ExceptionHandler(CaseNotFoundException.class)
  void notFound(HttpServletResponse res) throws IOException {
    res.sendError(HttpStatus.NOT_FOUND.value());
  }

  /** A refusal where no page can show it: its status, without case data. */
  @ExceptionHandler(CaseRefusedException.class)
  void refused(CaseRefusedException e, HttpServletResponse res) throws IOException {
    res.sendError(e.kind().status());
  }
}
