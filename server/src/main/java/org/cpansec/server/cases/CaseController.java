package org.cpansec.server.cases;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.cpansec.server.ServerProperties;
import org.cpansec.server.account.CurrentMember;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The members' pages of the workspace: the case list, the reports waiting for a case, opening a
 * case, the case page with a form for each action, duplicates, and attachment downloads. The viewer
 * comes from {@link CurrentMember}; the services apply the access rule themselves. A case the
 * viewer may not see answers 404, exactly like a case that does not exist.
 */
@Controller
public class CaseController {
  private static final String NOTICE = "notice";

  private final ObjectProvider<CurrentMember> currentMember;
  private final Cases cases;
  private final Triage triage;
  private final CaseComments comments;
  private final ExternalGrants grants;
  private final CaseAttachments attachments;
  private final String baseUrl;

  CaseController(
      ObjectProvider<CurrentMember> currentMember,
      Cases cases,
      Triage triage,
      CaseComments comments,
      ExternalGrants grants,
      CaseAttachments attachments,
      ServerProperties properties) {
    this.currentMember = currentMember;
    this.cases = cases;
    this.triage = triage;
    this.comments = comments;
    this.grants = grants;
    this.attachments = attachments;
    String base = properties.site().baseUrl().toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** The signed-in member as a viewer; anonymous without one (or without sign-in at all). */
  Viewer viewer() {
    CurrentMember cm = currentMember.getIfAvailable();
    return cm == null ? Viewer.anonymous() : Viewer.of(cm.get());
  }

  /** The workspace pages are for members; anybody else gets "not found". */
  private Viewer.Staff staff() {
    if (viewer() instanceof Viewer.Staff s) {
      return s;
    }
    throw new CaseNotFoundException();
  }

  private static String reference(String ref) {
    if (ref == null || !Cases.REFERENCE.matcher(ref).matches()) {
      throw new CaseNotFoundException();
    }
    return ref;
  }

  // ---- lists ----

  @GetMapping("/cna/cases")
  public String list(
      @RequestParam(name = "q", required = false) String q,
      @RequestParam(name = "state", required = false) String state,
      Model model,
      HttpServletResponse res) {
    Viewer.Staff me = staff();
    Optional<CaseState> s = CaseState.parse(state);
    List<CaseRecord> found = cases.search(new Cases.Query(Optional.ofNullable(q), s), me);
    model.addAttribute("cases", found);
    model.addAttribute("counts", cases.countByState(me));
    model.addAttribute("states", CaseState.values());
    model.addAttribute("q", q == null ? "" : q);
    model.addAttribute("state", s.map(Enum::name).orElse(""));
    model.addAttribute("mayChange", CaseAccess.isCnaMember(me.member()));
    model.addAttribute("access", accessNote(me));
    noStore(res);
    return "cases/list";
  }

  /** Why a member sees no cases at all, if that is so. */
  private static String accessNote(Viewer.Staff me) {
    if (!me.member().maySeeEmbargoed()) {
      return "You have not signed the current pre-release disclosure agreement, so you see no"
          + " cases.";
    }
    if (!CaseAccess.isWorkspaceMember(me.member())) {
      return "Your roles give no access to cases (CPANSec or CNA member needed).";
    }
    return null;
  }

  @GetMapping("/cna/reports")
  public String reports(Model model, HttpServletResponse res) {
    Viewer.Staff me = staff();
    if (accessNote(me) != null) {
      model.addAttribute("reports", List.of());
      model.addAttribute("access", accessNote(me));
    } else {
      model.addAttribute("reports", cases.pendingReports(me));
    }
    model.addAttribute("mayChange", CaseAccess.isCnaMember(me.member()));
    noStore(res);
    return "cases/reports";
  }

  // ---- opening a case ----

  @GetMapping("/cna/cases/new")
  public String newCase(
      @RequestParam(name = "report", required = false) Long report,
      Model model,
      HttpServletResponse res) {
    Viewer.Staff me = staff();
    if (report != null) {
      Optional<String> existing = cases.caseOfReport(report, me);
      if (existing.isPresent()) {
        return "redirect:/cna/cases/" + existing.get();
      }
      model.addAttribute("report", cases.report(report, me));
    }
    model.addAttribute("form", new NewCase("", "", "", false));
    noStore(res);
    return "cases/new";
  }

  @PostMapping("/cna/cases/new")
  public String create(
      @RequestParam(name = "report", required = false) Long report,
      @RequestParam(name = "title", defaultValue = "") String title,
      @RequestParam(name = "distribution", defaultValue = "") String distribution,
      @RequestParam(name = "affectedVersions", defaultValue = "") String versions,
      @RequestParam(name = "sensitive", defaultValue = "false") boolean sensitive,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer.Staff me = staff();
    NewCase form = new NewCase(title, distribution, versions, sensitive);
    try {
      String ref =
          report != null ? cases.openFromReport(report, title, me) : cases.create(form, me);
      redirect.addFlashAttribute(NOTICE, "Case " + ref + " opened.");
      return "redirect:/cna/cases/" + ref;
    } catch (CaseRefusedException e) {
      res.setStatus(e.kind().status());
      model.addAttribute("error", e.getMessage());
      model.addAttribute("form", form);
      if (report != null) {
        model.addAttribute("report", cases.report(report, me));
      }
      return "cases/new";
    }
  }

  // ---- the case page ----

  @GetMapping("/cna/cases/{ref}")
  public String show(@PathVariable String ref, Model model, HttpServletResponse res) {
    return page(reference(ref), model, res);
  }

  private String page(String ref, Model model, HttpServletResponse res) {
    CaseView view = cases.open(ref, staff());
    model.addAttribute("v", view);
    model.addAttribute("c", view.caseRecord());
    model.addAttribute("labels", CaseLabel.values());
    model.addAttribute("closeReasons", CloseReason.values());
    model.addAttribute("scopes", Scope.values());
    model.addAttribute("severities", CaseSeverity.values());
    model.addAttribute("impacts", Impact.values());
    model.addAttribute("dualLives", DualLife.values());
    model.addAttribute(
        "parties", Arrays.stream(Party.values()).filter(p -> p != Party.REPORTER).toList());
    model.addAttribute("maxAttachment", CaseAttachments.sizeText(attachments.maxBytes()));
    noStore(res);
    return "cases/case";
  }

  /** A change on the case: runs it, then back to the page (or the page with the refusal). */
  private String act(
      String ref,
      java.util.function.Supplier<String> action,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    String r = reference(ref);
    String notice;
    try {
      notice = action.get();
    } catch (CaseRefusedException e) {
      res.setStatus(e.kind().status());
      model.addAttribute("error", e.getMessage());
      return page(r, model, res);
    }
    redirect.addFlashAttribute(NOTICE, notice);
    return "redirect:/cna/cases/" + r;
  }

  @PostMapping("/cna/cases/{ref}/state")
  public String state(
      @PathVariable String ref,
      @RequestParam(name = "to", defaultValue = "") String to,
      @RequestParam(name = "closeReason", defaultValue = "") String closeReason,
      @RequestParam(name = "duplicateOf", defaultValue = "") String duplicateOf,
      @RequestParam(name = "note", defaultValue = "") String note,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    return act(
        ref,
        () -> {
          CaseState target =
              CaseState.parse(to)
                  .orElseThrow(() -> CaseRefusedException.invalid("Choose the state to move to."));
          CloseReason close = parse(CloseReason.class, closeReason, "close reason");
          cases.transition(ref, target, new TransitionReason(close, duplicateOf, note), me);
          return "State changed.";
        },
        model,
        res,
        redirect);
  }

  @PostMapping("/cna/cases/{ref}/labels")
  public String label(
      @PathVariable String ref,
      @RequestParam(name = "label", defaultValue = "") String label,
      @RequestParam(name = "action", defaultValue = "add") String action,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    return act(
        ref,
        () -> {
          CaseLabel l =
              CaseLabel.parse(label)
                  .orElseThrow(() -> CaseRefusedException.invalid("Choose a label."));
          if ("remove".equals(action)) {
            cases.removeLabel(ref, l, me);
          } else {
            cases.addLabel(ref, l, me);
          }
          return "Labels changed.";
        },
        model,
        res,
        redirect);
  }

  @PostMapping("/cna/cases/{ref}/sensitive")
  public String sensitive(
      @PathVariable String ref,
      @RequestParam(name = "sensitive", defaultValue = "false") boolean sensitive,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    return act(
        ref,
        () -> {
          cases.setSensitive(ref, sensitive, me);
          return sensitive ? "The case is now sensitive." : "The case is no longer sensitive.";
        },
        model,
        res,
        redirect);
  }

  @PostMapping("/cna/cases/{ref}/named")
  public String named(
      @PathVariable String ref,
      @RequestParam(name = "member", defaultValue = "0") long member,
      @RequestParam(name = "action", defaultValue = "add") String action,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    return act(
        ref,
        () -> {
          if ("remove".equals(action)) {
            cases.unname(ref, member, me);
          } else {
            cases.name(ref, member, me);
          }
          return "Named members changed.";
        },
        model,
        res,
        redirect);
  }

  @PostMapping("/cna/cases/{ref}/comments")
  public String comment(
      @PathVariable String ref,
      @RequestParam(name = "body", defaultValue = "") String body,
      @RequestParam(name = "shared", defaultValue = "false") boolean shared,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    return act(
        ref,
        () -> {
          comments.add(ref, body, shared, me);
          return "Comment added.";
        },
        model,
        res,
        redirect);
  }

  @PostMapping("/cna/cases/{ref}/comments/{id}")
  public String editComment(
      @PathVariable String ref,
      @PathVariable long id,
      @RequestParam(name = "body", defaultValue = "") String body,
      @RequestParam(name = "shared", defaultValue = "false") boolean shared,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    return act(
        ref,
        () -> {
          comments.edit(ref, id, body, shared, me);
          return "Comment edited.";
        },
        model,
        res,
        redirect);
  }

  @PostMapping("/cna/cases/{ref}/scope")
  public String scope(
      @PathVariable String ref,
      @RequestParam(name = "scope", defaultValue = "") String scope,
      @RequestParam(name = "note", defaultValue = "") String note,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    return act(
        ref,
        () -> {
          triage.decideScope(ref, parse(Scope.class, scope, "scope"), note, me);
          return "Scope recorded.";
        },
        model,
        res,
        redirect);
  }

  @PostMapping("/cna/cases/{ref}/assessment")
  public String assess(
      @PathVariable String ref,
      @RequestParam(name = "severity", defaultValue = "") String severity,
      @RequestParam(name = "impact", defaultValue = "") String impact,
      @RequestParam(name = "dualLife", defaultValue = "") String dualLife,
      @RequestParam(name = "retroactive", defaultValue = "false") boolean retroactive,
      @RequestParam(name = "upstream", defaultValue = "false") boolean upstream,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    return act(
        ref,
        () -> {
          Triage.Assessed a =
              triage.assess(
                  ref,
                  new Triage.Assessment(
                      parse(CaseSeverity.class, severity, "severity"),
                      parse(Impact.class, impact, "impact"),
                      retroactive,
                      parse(DualLife.class, dualLife, "dual-life answer"),
                      upstream),
                  me);
          return a.highPriorityAdded()
              ? "Assessment recorded; HIGH PRIORITY added for the impact."
              : "Assessment recorded.";
        },
        model,
        res,
        redirect);
  }

  @PostMapping("/cna/cases/{ref}/earliest-public-report")
  public String earliestPublicReport(
      @PathVariable String ref,
      @RequestParam(name = "date", defaultValue = "") String date,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    return act(
        ref,
        () -> {
          LocalDate day;
          try {
            day = date.isBlank() ? null : LocalDate.parse(date.strip());
          } catch (DateTimeParseException e) {
            throw CaseRefusedException.invalid("Give the date as YYYY-MM-DD.");
          }
          triage.setEarliestPublicReport(ref, day, me);
          return day == null
              ? "Earliest public report cleared."
              : "Earliest public report recorded: " + day + ".";
        },
        model,
        res,
        redirect);
  }

  @PostMapping("/cna/cases/{ref}/vote")
  public String vote(
      @PathVariable String ref,
      @RequestParam(name = "vulnerability", defaultValue = "") String vulnerability,
      @RequestParam(name = "reason", defaultValue = "") String reason,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    return act(
        ref,
        () -> {
          if (!vulnerability.equals("yes") && !vulnerability.equals("no")) {
            throw CaseRefusedException.invalid("Vote yes or no.");
          }
          triage.vote(ref, vulnerability.equals("yes"), reason, me);
          return "Vote recorded.";
        },
        model,
        res,
        redirect);
  }

  @PostMapping("/cna/cases/{ref}/maintainer-statement")
  public String maintainerStatement(
      @PathVariable String ref,
      @RequestParam(name = "statement", defaultValue = "") String statement,
      @RequestParam(name = "action", defaultValue = "record") String action,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    return act(
        ref,
        () -> {
          if ("withdraw".equals(action)) {
            triage.withdrawMaintainerStatement(ref, me);
          } else {
            triage.recordMaintainerStatement(ref, statement, me);
          }
          return "Maintainer's statement recorded.";
        },
        model,
        res,
        redirect);
  }

  @PostMapping("/cna/cases/{ref}/blast-radius")
  public String blastRadius(
      @PathVariable String ref,
      @RequestParam(name = "blastRadius", defaultValue = "") String text,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    return act(
        ref,
        () -> {
          triage.setBlastRadius(ref, text, me);
          return "Blast radius saved.";
        },
        model,
        res,
        redirect);
  }

  @PostMapping("/cna/cases/{ref}/grants")
  public String grant(
      @PathVariable String ref,
      @RequestParam(name = "party", defaultValue = "") String party,
      @RequestParam(name = "name", defaultValue = "") String name,
      @RequestParam(name = "email", defaultValue = "") String email,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    String r = reference(ref);
    try {
      ExternalGrants.Issued issued =
          grants.create(r, parse(Party.class, party, "party"), name, email, me);
      redirect.addFlashAttribute("issuedLink", baseUrl + "/case/" + issued.token());
      redirect.addFlashAttribute(NOTICE, "Link created: copy it now, it is not shown again.");
      return "redirect:/cna/cases/" + r;
    } catch (CaseRefusedException e) {
      res.setStatus(e.kind().status());
      model.addAttribute("error", e.getMessage());
      return page(r, model, res);
    }
  }

  @PostMapping("/cna/cases/{ref}/grants/{id}/revoke")
  public String revoke(
      @PathVariable String ref,
      @PathVariable long id,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    return act(
        ref,
        () -> {
          grants.revoke(ref, id, me);
          return "Link revoked.";
        },
        model,
        res,
        redirect);
  }

  @PostMapping("/cna/cases/{ref}/attachments")
  public String upload(
      @PathVariable String ref,
      @RequestParam(name = "file", required = false) MultipartFile file,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Viewer me = staff();
    return act(
        ref,
        () -> {
          if (file == null || file.isEmpty()) {
            throw CaseRefusedException.invalid("Choose a file to attach (it must not be empty).");
          }
          if (file.getSize() > attachments.maxBytes()) {
            throw CaseRefusedException.invalid(
                "The file is larger than the limit of "
                    + CaseAttachments.sizeText(attachments.maxBytes())
                    + ".");
          }
          try (InputStream in = file.getInputStream()) {
            attachments.upload(ref, file.getOriginalFilename(), in, me);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return "File attached.";
        },
        model,
        res,
        redirect);
  }

  /** A file, only ever as a download: never rendered inline, never sniffed. */
  @GetMapping("/cna/cases/{ref}/attachments/{id}")
  public ResponseEntity<Resource> download(
      @PathVariable String ref, @PathVariable long id, HttpServletResponse res) {
    CaseAttachments.Download d = attachments.download(reference(ref), id, staff());
    // server.servlet.encoding.force gives every response a charset; bytes have none.
    res.setCharacterEncoding((String) null);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .contentLength(d.info().sizeBytes())
        .header(HttpHeaders.CONTENT_DISPOSITION, attachment(d.info().fileName()))
        .header("X-Content-Type-Options", "nosniff")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .body(new FileSystemResource(d.path()));
  }

  /**
   * {@code attachment} with the name twice: printable ASCII for every client ({@code "} and {@code
   * \\} replaced), and the exact name as RFC 5987 UTF-8.
   */
  static String attachment(String name) {
    StringBuilder ascii = new StringBuilder();
    name.codePoints()
        .forEach(c -> ascii.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? '_' : (char) c));
    String exact =
        java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
            .replace("+", "%20")
            .replace("*", "%2A");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + exact;
  }

  @GetMapping("/cna/cases/{ref}/duplicates")
  public String duplicates(
      @PathVariable String ref,
      @RequestParam(name = "distribution", required = false) String distribution,
      @RequestParam(name = "words", required = false) String words,
      Model model,
      HttpServletResponse res) {
    String r = reference(ref);
    Triage.Duplicates d = triage.duplicates(r, distribution, words, staff());
    model.addAttribute("ref", r);
    model.addAttribute("d", d);
    model.addAttribute("words", words == null ? String.join(" ", d.words()) : words);
    noStore(res);
    return "cases/duplicates";
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

  /** An enum constant from a form value; null for an empty value, a refusal for a wrong one. */
  static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip());
    } catch (IllegalArgumentException e) {
      throw CaseRefusedException.invalid(
          "\"" + value + "\" is not a " + what + " this form offers.");
    }
  }

  static void noStore(HttpServletResponse res) {
    res.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
  }
}
