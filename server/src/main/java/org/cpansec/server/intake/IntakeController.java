package org.cpansec.server.intake;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cpansec.server.ServerProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The private report forms, the receipt and the reporter's tracking page. A report is stored
 * (committed) before the receipt is shown; the tracking token is shown once, on the receipt, and
 * kept only hashed.
 */
@Controller
public class IntakeController {
  private static final String TOKEN = "trackingToken";

  private final ReportStore reports;
  private final ReportIntake intake;
  private final AttachmentStore attachments;
  private final ServerProperties.Intake config;

  public IntakeController(
      ReportStore reports,
      ReportIntake intake,
      AttachmentStore attachments,
      ServerProperties properties) {
    this.reports = reports;
    this.intake = intake;
    this.attachments = attachments;
    this.config = properties.intake();
  }

  @GetMapping("/report")
  public String chooser() {
    return "report";
  }

  @GetMapping("/report/perl")
  public String perl() {
    return "report-perl";
  }

  @GetMapping({"/report/vulnerability", "/report/malware"})
  public String form(HttpServletRequest req, Model model) {
    return show(kindOf(req), VulnerabilityForm.empty(), Map.of(), List.of(), model);
  }

  @PostMapping({"/report/vulnerability", "/report/malware"})
  public String submit(
      HttpServletRequest req,
      HttpServletResponse res,
      @Valid @ModelAttribute("form") VulnerabilityForm form,
      BindingResult binding,
      @RequestParam(name = "attachments", required = false) List<MultipartFile> files,
      Model model,
      RedirectAttributes redirect) {
    ReportKind kind = kindOf(req);
    List<String> secrets =
        form == null
            ? List.of()
            : SecretScanner.scan(form.details(), form.context(), form.downloadUrl());
    Uploads.Result uploads = Uploads.read(files, config.attachments());
    Map<String, String> errors = errors(binding);
    if (uploads.error() != null) {
      errors.put("attachments", uploads.error());
    }
    if (!errors.isEmpty() || (!secrets.isEmpty() && !form.secretsChecked())) {
      res.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      // A value that cannot be converted (a malformed date) leaves no form object to show again.
      return show(kind, form == null ? VulnerabilityForm.empty() : form, errors, secrets, model);
    }
    if (!reports.admit(req.getRemoteAddr(), config.maxSubmissions(), config.window())) {
      res.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      return "report-limited";
    }
    TrackingToken token = TrackingToken.random();
    intake.submit(kind, form, uploads.attachments(), token, !secrets.isEmpty());
    redirect.addFlashAttribute(TOKEN, token.value());
    return "redirect:/report/received";
  }

  @GetMapping("/report/account")
  public String accountForm(Model model) {
    model.addAttribute("form", AccountForm.empty());
    model.addAttribute("errors", Map.of());
    model.addAttribute("secrets", List.of());
    return "report-account";
  }

  @PostMapping("/report/account")
  public String account(
      HttpServletRequest req,
      HttpServletResponse res,
      @Valid @ModelAttribute("form") AccountForm form,
      BindingResult binding,
      Model model,
      RedirectAttributes redirect) {
    List<String> secrets = form == null ? List.of() : SecretScanner.scan(form.evidence());
    if (binding.hasErrors() || (!secrets.isEmpty() && !form.secretsChecked())) {
      res.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      model.addAttribute("form", form == null ? AccountForm.empty() : form);
      model.addAttribute("errors", errors(binding));
      model.addAttribute("secrets", secrets);
      return "report-account";
    }
    if (!reports.admit(req.getRemoteAddr(), config.maxSubmissions(), config.window())) {
      res.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      return "report-limited";
    }
    TrackingToken token = TrackingToken.random();
    intake.submitAccount(form, token, !secrets.isEmpty());
    redirect.addFlashAttribute(TOKEN, token.value());
    return "redirect:/report/received";
  }

  @GetMapping("/report/received")
  public String received(Model model, HttpServletResponse res) {
    if (!model.containsAttribute(TOKEN)) {
      return "redirect:/report";
    }
    res.setHeader("Cache-Control", "no-store");
    return "report-received";
  }

  @GetMapping("/track/{token}")
  public String track(@PathVariable String token, Model model, HttpServletResponse res) {
    showTracked(tracked(token), token, model);
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("X-Robots-Tag", "noindex");
    return "track";
  }

  @PostMapping("/track/{token}")
  public String addNote(
      @PathVariable String token,
      @RequestParam(name = "note", defaultValue = "") String note,
      Model model,
      HttpServletResponse res) {
    ReportStore.Tracked report = tracked(token);
    if (note.isBlank() || note.length() > 20000) {
      res.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      showTracked(report, token, model);
      model.addAttribute("noteError", "Write between 1 and 20,000 characters.");
      return "track";
    }
    reports.addNote(report.id(), note);
    return "redirect:/track/" + token;
  }

  private void showTracked(ReportStore.Tracked report, String token, Model model) {
    model.addAttribute("report", report);
    model.addAttribute("token", token);
    model.addAttribute("attachments", attachments.list(report.id()));
  }

  private ReportStore.Tracked tracked(String token) {
    if (!TrackingToken.looksValid(token)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return reports
        .find(new TrackingToken(token))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private String show(
      ReportKind kind,
      VulnerabilityForm form,
      Map<String, String> errors,
      List<String> secrets,
      Model model) {
    model.addAttribute("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("secrets", secrets);
    var limits = config.attachments();
    model.addAttribute(
        "attachmentHint",
        "Logs, screenshots or code. Up to "
            + limits.maxCount()
            + " files, each at most "
            + Uploads.size(limits.maxFileSize().toBytes())
            + ", "
            + Uploads.size(limits.maxTotalSize().toBytes())
            + " together. They are kept private and never published.");
    return "report-form";
  }

  private static ReportKind kindOf(HttpServletRequest req) {
    return req.getRequestURI().endsWith("/malware") ? ReportKind.MALWARE : ReportKind.VULNERABILITY;
  }

  /** The first message per field, in form order. */
  private static Map<String, String> errors(BindingResult binding) {
    Map<String, String> out = new LinkedHashMap<>();
    for (FieldError e : binding.getFieldErrors()) {
      out.putIfAbsent(
          e.getField(),
          e.isBindingFailure() ? "This value cannot be read." : e.getDefaultMessage());
    }
    return out;
  }
}
