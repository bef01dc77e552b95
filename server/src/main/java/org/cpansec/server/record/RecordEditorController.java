package org.cpansec.server.record;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.audit.AuditLog;
import org.cpansec.server.cases.CaseAccess;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The record editor's pages: the editor (a textarea, a Check and a Save button, the findings and
 * both previews, rendered on the server so that it works without JavaScript), the history of saved
 * versions, and one version with its diff against the current one. A case the member may not see
 * answers exactly like a case that does not exist.
 */
@Controller
@RequestMapping("/cna/cases/{ref}/record")
public class RecordEditorController {
  private final ObjectProvider<CurrentMember> current;
  private final CaseAccess access;
  private final RecordStore store;
  private final RecordCheck check;
  private final RecordService service;
  private final AuditLog audit;
  private final RecordProperties properties;

  RecordEditorController(
      ObjectProvider<CurrentMember> current,
      CaseAccess access,
      RecordStore store,
      RecordCheck check,
      RecordService service,
      AuditLog audit,
      RecordProperties properties) {
    this.current = current;
    this.access = access;
    this.store = store;
    this.check = check;
    this.service = service;
    this.audit = audit;
    this.properties = properties;
  }

  /**
   * The editor for one of the case's CVE IDs ({@code cve}; may be left out when the case holds
   * one), starting from the current version, from version {@code from}, or, for a new record, from
   * the template prefilled from the case.
   */
  @GetMapping
  public String editor(
      @PathVariable String ref,
      @RequestParam(required = false) String cve,
      @RequestParam(required = false) Integer from,
      @RequestParam(defaultValue = "false") boolean strict,
      Model model,
      HttpServletResponse res) {
    Editing viewer = viewer(ref);
    noStore(res);
    List<String> cves = store.cves(viewer.kase().id());
    model.addAttribute("kase", viewer.kase());
    model.addAttribute("cves", cves);
    if (cve == null && cves.size() != 1) {
      return chooser(model, cves.isEmpty() ? "none" : "choose");
    }
    String chosen = cve == null ? cves.get(0) : cve;
    if (!cves.contains(chosen)) {
      res.setStatus(HttpStatus.NOT_FOUND.value());
      model.addAttribute("unknownCve", chosen);
      return chooser(model, cves.isEmpty() ? "none" : "choose");
    }
    Optional<RecordStore.Current> current = store.current(viewer.kase().id(), chosen);
    String yaml;
    if (from != null) {
      RecordStore.Version v =
          current
              .flatMap(c -> store.version(c.recordId(), from))
              .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
      yaml = v.yaml();
      model.addAttribute("from", v.version());
    } else {
      yaml =
          current
              .map(RecordStore.Current::yaml)
              .orElseGet(() -> RecordTemplate.of(viewer.kase(), chosen));
    }
    audit.append(
        viewer.viewer().actor(),
        "record.view",
        viewer.kase().id(),
        chosen + current.map(c -> " version " + c.version()).orElse(" (new record)"));
    return editorPage(
        model, viewer, chosen, current, yaml, check.check(yaml, strict, chosen), strict);
  }

  /**
   * The form: {@code action=check} shows the findings and previews of the submitted text (the
   * editor without JavaScript); {@code action=save} keeps it as the next version, valid or not.
   */
  @PostMapping
  public String submit(
      @PathVariable String ref,
      @RequestParam String cve,
      @RequestParam(defaultValue = "") String yaml,
      @RequestParam(defaultValue = "false") boolean strict,
      @RequestParam(defaultValue = "0") int base,
      @RequestParam(defaultValue = "check") String action,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Editing viewer = viewer(ref);
    noStore(res);
    List<String> cves = store.cves(viewer.kase().id());
    if (!cves.contains(cve)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    model.addAttribute("kase", viewer.kase());
    model.addAttribute("cves", cves);
    Optional<RecordStore.Current> current = store.current(viewer.kase().id(), cve);
    String text = RecordCheck.normalise(yaml);
    model.addAttribute("base", base);
    if (text.length() > properties.maxChars()) {
      res.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      String why =
          "The record is "
              + text.length()
              + " characters long; at most "
              + properties.maxChars()
              + " are accepted. Nothing was checked or saved.";
      model.addAttribute("refusal", why);
      return editorPage(model, viewer, cve, current, text, CheckResult.notChecked(why), strict);
    }
    if (action.equals("save")) {
      if (!viewer.mayEdit()) {
        res.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute(
            "refusal", "Only CNA members save records; your text was checked but not saved.");
        return editorPage(
            model, viewer, cve, current, text, check.check(text, strict, cve), strict);
      }
      RecordService.Outcome outcome = service.save(viewer, cve, text, base);
      RecordStore.Saved saved = outcome.saved();
      redirect.addFlashAttribute("saved", message(saved, outcome.result()));
      if (saved.overtaken() > 0) {
        redirect.addFlashAttribute("overtaken", saved.overtaken());
      }
      UriComponentsBuilder target =
          UriComponentsBuilder.fromPath("/cna/cases/{ref}/record").queryParam("cve", cve);
      if (strict) {
        target.queryParam("strict", "true");
      }
      return "redirect:" + target.buildAndExpand(ref).encode().toUriString();
    }
    if (!action.equals("check")) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
    }
    return editorPage(model, viewer, cve, current, text, check.check(text, strict, cve), strict);
  }

  /** Every saved version of the record, newest first. */
  @GetMapping("/history")
  public String history(
      @PathVariable String ref, @RequestParam String cve, Model model, HttpServletResponse res) {
    Editing viewer = viewer(ref);
    noStore(res);
    RecordStore.Current current = currentOrNotFound(viewer, cve);
    audit.append(viewer.viewer().actor(), "record.history", viewer.kase().id(), cve);
    model.addAttribute("kase", viewer.kase());
    model.addAttribute("cve", cve);
    model.addAttribute("current", current);
    model.addAttribute("versions", store.history(current.recordId()));
    return "record/history";
  }

  /** One saved version, what was found in it, and its diff against the current version. */
  @GetMapping("/versions/{version}")
  public String version(
      @PathVariable String ref,
      @PathVariable int version,
      @RequestParam String cve,
      Model model,
      HttpServletResponse res) {
    Editing viewer = viewer(ref);
    noStore(res);
    RecordStore.Current current = currentOrNotFound(viewer, cve);
    RecordStore.Version v =
        store
            .version(current.recordId(), version)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    audit.append(
        viewer.viewer().actor(), "record.version", viewer.kase().id(), cve + " version " + version);
    model.addAttribute("kase", viewer.kase());
    model.addAttribute("cve", cve);
    model.addAttribute("current", current);
    model.addAttribute("version", v);
    model.addAttribute("hunks", LineDiff.hunks(v.yaml(), current.yaml()));
    return "record/version";
  }

  private Editing viewer(String ref) {
    return Editing.of(current, access, ref)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private RecordStore.Current currentOrNotFound(Editing viewer, String cve) {
    return store
        .current(viewer.kase().id(), cve)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private static String chooser(Model model, String why) {
    model.addAttribute("why", why);
    return "record/choose";
  }

  private String editorPage(
      Model model,
      Editing viewer,
      String cve,
      Optional<RecordStore.Current> current,
      String yaml,
      CheckResult result,
      boolean strict) {
    model.addAttribute("cve", cve);
    model.addAttribute("current", current.orElse(null));
    if (!model.containsAttribute("base")) {
      model.addAttribute("base", current.map(RecordStore.Current::version).orElse(0));
    }
    // A browser drops one newline right after <textarea>: this one, so the text keeps its own.
    model.addAttribute("textareaText", "\n" + yaml);
    model.addAttribute("result", result);
    model.addAttribute("strict", strict);
    model.addAttribute("mayEdit", viewer.mayEdit());
    model.addAttribute("maxChars", properties.maxChars());
    return "record/editor";
  }

  private static String message(RecordStore.Saved saved, CheckResult result) {
    if (!saved.added()) {
      return "Nothing changed since version " + saved.version() + "; no new version was saved.";
    }
    return "Saved as version "
        + saved.version()
        + (result.valid()
            ? "."
            : ", marked invalid (a draft): " + result.errors().size() + " error(s) to fix.");
  }

  private static void noStore(HttpServletResponse res) {
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("X-Robots-Tag", "noindex");
  }
}
