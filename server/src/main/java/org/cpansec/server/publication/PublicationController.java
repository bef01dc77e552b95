package org.cpansec.server.publication;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.cpansec.server.cases.CaseNotFoundException;
import org.cpansec.server.cases.CaseRefusedException;
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
 * The publication page of a case, {@code /cna/cases/{ref}/publication}: the records and their fix
 * patches, the "publish" button, the step table of every run with its errors and a "retry" button,
 * the §9 update, and disputes. Members who see the case (ADR 0008) read it; CNA members act. A case
 * the member may not see answers 404, like one that does not exist; a refused action shows the page
 * again with the reason (403 role, 409 state, 422 input). Buttons have stable ids for tests.
 */
@Controller
public class PublicationController {
  private static final String PAGE = "publication/page";

  private final ObjectProvider<CurrentMember> currentMember;
  private final Publication publication;
  private final Disputes disputes;

  PublicationController(
      ObjectProvider<CurrentMember> currentMember, Publication publication, Disputes disputes) {
    this.currentMember = currentMember;
    this.publication = publication;
    this.disputes = disputes;
  }

  private Member member() {
    CurrentMember cm = currentMember.getIfAvailable();
    Optional<Member> m = cm == null ? Optional.empty() : cm.get();
    return m.orElseThrow(CaseNotFoundException::new);
  }

  @GetMapping("/cna/cases/{ref}/publication")
  public String page(@PathVariable("ref") String ref, Model model, HttpServletResponse res) {
    return render(ref, model, res);
  }

  private String render(String ref, Model model, HttpServletResponse res) {
    Member me = member();
    Publication.View view = publication.view(ref, me);
    model.addAttribute("v", view);
    model.addAttribute("c", view.kase());
    model.addAttribute("disputes", disputes.list(view.kase()));
    model.addAttribute("decisions", Disputes.Decision.values());
    res.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    return PAGE;
  }

  @PostMapping("/cna/cases/{ref}/publication/publish")
  public String publish(
      @PathVariable("ref") String ref,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    return act(ref, model, res, redirect, () -> outcome(publication.publish(ref, member())));
  }

  @PostMapping("/cna/cases/{ref}/publication/retry")
  public String retry(
      @PathVariable("ref") String ref,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    return act(ref, model, res, redirect, () -> outcome(publication.retry(ref, member())));
  }

  @PostMapping("/cna/cases/{ref}/publication/update")
  public String update(
      @PathVariable("ref") String ref,
      @RequestParam(name = "note", required = false) String note,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    return act(ref, model, res, redirect, () -> outcome(publication.update(ref, note, member())));
  }

  @PostMapping("/cna/cases/{ref}/publication/fix-patch")
  public String fixPatch(
      @PathVariable("ref") String ref,
      @RequestParam(name = "cve", required = false) String cve,
      @RequestParam(name = "attachment", required = false) String attachment,
      @RequestParam(name = "version", required = false) String version,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    return act(
        ref,
        model,
        res,
        redirect,
        () -> {
          publication.markFixPatch(ref, cve, number(attachment, "the file"), version, member());
          return new Result(true, "Fix patch marked; it is published with the record.");
        });
  }

  @PostMapping("/cna/cases/{ref}/publication/fix-patch/remove")
  public String removeFixPatch(
      @PathVariable("ref") String ref,
      @RequestParam(name = "cve", required = false) String cve,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    return act(
        ref,
        model,
        res,
        redirect,
        () -> {
          publication.clearFixPatch(ref, cve, member());
          return new Result(true, "The fix-patch mark is removed.");
        });
  }

  @PostMapping("/cna/cases/{ref}/publication/disputes")
  public String recordDispute(
      @PathVariable("ref") String ref,
      @RequestParam(name = "cve", required = false) String cve,
      @RequestParam(name = "receivedAt", required = false) String receivedAt,
      @RequestParam(name = "senderName", required = false) String senderName,
      @RequestParam(name = "senderEmail", required = false) String senderEmail,
      @RequestParam(name = "body", required = false) String body,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    return act(
        ref,
        model,
        res,
        redirect,
        () ->
            new Result(
                true,
                disputes.record(
                    ref,
                    cve,
                    Disputes.time(receivedAt).orElse(null),
                    senderName,
                    senderEmail,
                    body,
                    member())));
  }

  @PostMapping("/cna/cases/{ref}/publication/disputes/{id}/acknowledge")
  public String acknowledge(
      @PathVariable("ref") String ref,
      @PathVariable("id") long id,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    return act(
        ref, model, res, redirect, () -> new Result(true, disputes.acknowledge(ref, id, member())));
  }

  @PostMapping("/cna/cases/{ref}/publication/disputes/{id}/decision")
  public String decide(
      @PathVariable("ref") String ref,
      @PathVariable("id") long id,
      @RequestParam(name = "decision", required = false) String decision,
      @RequestParam(name = "reason", required = false) String reason,
      @RequestParam(name = "communication", required = false) String communication,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    return act(
        ref,
        model,
        res,
        redirect,
        () ->
            new Result(true, disputes.decide(ref, id, decision, reason, communication, member())));
  }

  /** What an action came to: a notice, or an error, shown on the page it redirects to. */
  private record Result(boolean ok, String message) {}

  private static Result outcome(Publication.Outcome o) {
    return new Result(o.finished(), o.message());
  }

  /**
   * Runs the action; redirects to the page with its notice (or its error, for a step that failed:
   * that is recorded, not refused). A refusal shows the page again with the reason and its status.
   */
  private String act(
      String ref,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect,
      Supplier<Result> action) {
    try {
      Result r = action.get();
      redirect.addFlashAttribute(r.ok() ? "notice" : "error", r.message());
      return "redirect:/cna/cases/" + ref + "/publication";
    } catch (PublicationRefused e) {
      res.setStatus(e.status());
      model.addAttribute("error", e.getMessage());
    } catch (CaseRefusedException e) {
      res.setStatus(e.kind().status());
      model.addAttribute("error", e.getMessage());
    }
    return render(ref, model, res);
  }

  private static Long number(String value, String what) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw PublicationRefused.invalid("Choose " + what + " from the list.");
    }
  }

  /** Not found, or not visible: the site's own 404 page, the same for both. */
  @ExceptionHandler(CaseNotFoundException.class)
  void notFound(HttpServletResponse res) throws IOException {
    res.sendError(HttpStatus.NOT_FOUND.value());
  }
}
