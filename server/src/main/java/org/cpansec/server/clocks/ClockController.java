package org.cpansec.server.clocks;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.cpansec.server.cases.CaseAccess;
import org.cpansec.server.cases.CaseRecord;
import org.cpansec.server.cases.Viewer;
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

/**
 * The forms of a case's disclosure clock under {@code /cna/cases/{ref}/clock}: record the
 * maintainer contact (sets the planned date) and the maintainer's answer or bounce, request and
 * decide extensions, set a coordinated date, mark the case already public, record the abandonment
 * evidence, record disputes and their acknowledgement.
 *
 * <p>Who sees what is the workspace's access rule, {@link CaseAccess}: a member who may see the
 * case sees the page; anyone else gets the same 404 as for a case that does not exist. Only CNA
 * members change a clock; others get 403 with the reason. Every showing of the page and every
 * change is written to the audit log (by {@link DisclosureClock}). Every change redirects back to
 * the page with what it did; a refused change shows the page again (422) with what was expected.
 */
@Controller
@RequestMapping("/cna/cases/{ref}/clock")
public class ClockController {
  private static final String PAGE = "clocks/clock";
  private static final int MAX_COORDINATED = 50;
  private static final DateTimeFormatter LOCAL_INPUT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT);

  private final ObjectProvider<CurrentMember> currentMember;
  private final CaseAccess access;
  private final DisclosureClock clocks;
  private final ClockRules rules;
  private final Clock clock;

  public ClockController(
      ObjectProvider<CurrentMember> currentMember,
      CaseAccess access,
      DisclosureClock clocks,
      ClockRules rules,
      Clock clock) {
    this.currentMember = currentMember;
    this.access = access;
    this.clocks = clocks;
    this.rules = rules;
    this.clock = clock;
  }

  @GetMapping
  public String page(@PathVariable String ref, Model model, HttpServletResponse res) {
    Member m = member();
    CaseRecord c = visibleCase(ref, m);
    return show(c, m, model, res);
  }

  @PostMapping("/contact")
  public String contact(
      @PathVariable String ref,
      @RequestParam(defaultValue = "") String contactedAt,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    return change(
        ref,
        "contact",
        model,
        res,
        redirect,
        (m, c) -> clocks.recordContact(m, c.id(), instantOrNow(contactedAt, "the contact time")));
  }

  @PostMapping("/response")
  public String response(
      @PathVariable String ref,
      @RequestParam(defaultValue = "") String response,
      @RequestParam(defaultValue = "") String at,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    return change(
        ref,
        "response",
        model,
        res,
        redirect,
        (m, c) ->
            clocks.recordResponse(
                m,
                c.id(),
                choice(response, DisclosureClock.Response.class, "answered or bounced"),
                instantOrNow(at, "the time")));
  }

  @PostMapping("/extensions")
  public String requestExtension(
      @PathVariable String ref,
      @RequestParam(defaultValue = "") String requestedDate,
      @RequestParam(defaultValue = "") String reason,
      @RequestParam(defaultValue = "") String requestedBy,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    return change(
        ref,
        "extension",
        model,
        res,
        redirect,
        (m, c) ->
            clocks.requestExtension(
                m, c.id(), date(requestedDate, "the requested date"), reason, requestedBy));
  }

  @PostMapping("/extensions/{id}/decision")
  public String decideExtension(
      @PathVariable String ref,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String decision,
      @RequestParam(defaultValue = "") String reason,
      @RequestParam(defaultValue = "") String grantedDate,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    return change(
        ref,
        "decision",
        model,
        res,
        redirect,
        (m, c) -> {
          boolean grant =
              switch (decision) {
                case "grant" -> true;
                case "refuse" -> false;
                default -> throw new ClockException("Choose to grant or to refuse the request.");
              };
          LocalDate granted = grantedDate.isBlank() ? null : date(grantedDate, "the granted date");
          return clocks.decideExtension(m, c.id(), id, grant, reason, granted);
        });
  }

  @PostMapping("/coordinated")
  public String coordinated(
      @PathVariable String ref,
      @RequestParam(defaultValue = "") String date,
      @RequestParam(defaultValue = "") String cases,
      @RequestParam(defaultValue = "") String note,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    return change(
        ref,
        "coordinated",
        model,
        res,
        redirect,
        (m, c) ->
            clocks.setCoordinatedDate(
                m,
                c.id(),
                date(date, "the coordinated date"),
                references(cases),
                note,
                id -> access.memberCase(id, Viewer.of(m)).isPresent()));
  }

  @PostMapping("/coordinated/leave")
  public String leave(
      @PathVariable String ref, Model model, HttpServletResponse res, RedirectAttributes redirect) {
    return change(
        ref, "coordinated", model, res, redirect, (m, c) -> clocks.leaveCoordination(m, c.id()));
  }

  @PostMapping("/public")
  public String alreadyPublic(
      @PathVariable String ref,
      @RequestParam(defaultValue = "") String evidenceUrl,
      @RequestParam(defaultValue = "") String note,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    return change(
        ref,
        "public",
        model,
        res,
        redirect,
        (m, c) -> clocks.markAlreadyPublic(m, c.id(), evidenceUrl, note));
  }

  @PostMapping("/abandonment")
  public String abandonment(
      @PathVariable String ref,
      @RequestParam(defaultValue = "") String criterion,
      @RequestParam(defaultValue = "") String holds,
      @RequestParam(defaultValue = "") String lastActivity,
      @RequestParam(defaultValue = "") String evidence,
      @RequestParam(defaultValue = "") String evidenceUrl,
      @RequestParam(defaultValue = "") String checkedOn,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    return change(
        ref,
        "abandonment",
        model,
        res,
        redirect,
        (m, c) -> {
          AbandonmentCriterion which =
              choice(criterion, AbandonmentCriterion.class, "one of the five conditions");
          boolean yes =
              switch (holds) {
                case "yes" -> true;
                case "no" -> false;
                default -> throw new ClockException("Say whether the condition holds.");
              };
          LocalDate last = lastActivity.isBlank() ? null : date(lastActivity, "the last activity");
          LocalDate checked =
              checkedOn.isBlank() ? rules.today(clock) : date(checkedOn, "the check date");
          return clocks.recordAbandonmentCheck(
              m,
              c.id(),
              new AbandonmentCheck(which, yes, last, evidence, evidenceUrl, checked, null));
        });
  }

  @PostMapping("/disputes")
  public String dispute(
      @PathVariable String ref,
      @RequestParam(defaultValue = "") String receivedAt,
      @RequestParam(defaultValue = "") String sender,
      @RequestParam(defaultValue = "") String body,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    return change(
        ref,
        "dispute",
        model,
        res,
        redirect,
        (m, c) ->
            clocks.recordDispute(
                m, c.id(), instantOrNow(receivedAt, "the time received"), sender, body));
  }

  @PostMapping("/disputes/{id}/acknowledgement")
  public String acknowledge(
      @PathVariable String ref,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String at,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    return change(
        ref,
        "acknowledgement",
        model,
        res,
        redirect,
        (m, c) ->
            clocks.acknowledgeDispute(m, c.id(), id, instantOrNow(at, "the acknowledgement time")));
  }

  // ------------------------------------------------------------------ plumbing

  /** One change by the signed-in member on a case they may see. */
  @FunctionalInterface
  private interface Action {
    DisclosureClock.Change apply(Member member, CaseRecord kase);
  }

  private String change(
      String ref,
      String form,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect,
      Action action) {
    Member m = member();
    CaseRecord c = visibleCase(ref, m);
    if (!CaseAccess.isCnaMember(m)) {
      res.setStatus(HttpStatus.FORBIDDEN.value());
      model.addAttribute("error", "Only CNA members change a case's disclosure clock.");
      model.addAttribute("errorForm", form);
      return show(c, m, model, res);
    }
    try {
      DisclosureClock.Change done = action.apply(m, c);
      redirect.addFlashAttribute("done", done.message());
      return "redirect:/cna/cases/" + c.reference() + "/clock";
    } catch (ClockException e) {
      res.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      model.addAttribute("error", e.getMessage());
      model.addAttribute("errorForm", form);
      return show(c, m, model, res);
    }
  }

  private String show(CaseRecord c, Member m, Model model, HttpServletResponse res) {
    CaseClock view = clocks.read(m, c.id()).orElseThrow(() -> notFound());
    ZoneId zone = rules.calendar().zone();
    model.addAttribute("clock", view);
    model.addAttribute("member", m);
    model.addAttribute("canChange", CaseAccess.isCnaMember(m));
    model.addAttribute("zone", zone.getId());
    model.addAttribute("fmt", new Format(zone));
    model.addAttribute("today", rules.today(clock).toString());
    model.addAttribute(
        "now", LOCAL_INPUT.format(clock.instant().atZone(zone).truncatedTo(ChronoUnit.MINUTES)));
    model.addAttribute("embargoDays", rules.config().embargoDays());
    model.addAttribute("criteria", Arrays.asList(AbandonmentCriterion.values()));
    if (!model.containsAttribute("error")) {
      model.addAttribute("error", null);
      model.addAttribute("errorForm", null);
    }
    if (res != null) {
      res.setHeader("Cache-Control", "no-store");
    }
    return PAGE;
  }

  /** Formats instants in the configured zone, for the page. */
  public static final class Format {
    private final ZoneId zone;

    Format(ZoneId zone) {
      this.zone = zone;
    }

    public String at(Instant instant) {
      return ClockFormats.dateTime(instant, zone);
    }
  }

  private Member member() {
    CurrentMember current = currentMember.getIfAvailable();
    return (current == null ? java.util.Optional.<Member>empty() : current.get())
        .orElseThrow(ClockController::notFound);
  }

  /** The case when this member may see it (ADR 0008, {@link CaseAccess}); else "not found". */
  private CaseRecord visibleCase(String ref, Member m) {
    return access.memberCase(ref, Viewer.of(m)).orElseThrow(ClockController::notFound);
  }

  private static ResponseStatusException notFound() {
    return new ResponseStatusException(HttpStatus.NOT_FOUND);
  }

  private Instant instantOrNow(String value, String what) {
    if (value.isBlank()) {
      return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
    try {
      return LocalDateTime.parse(value.strip()).atZone(rules.calendar().zone()).toInstant();
    } catch (DateTimeParseException e) {
      throw new ClockException(
          "Enter "
              + what
              + " as a date and time like 2026-11-30T14:00 ("
              + rules.calendar().zone().getId()
              + "), or leave it empty for now.");
    }
  }

  private static LocalDate date(String value, String what) {
    if (value.isBlank()) {
      throw new ClockException("Enter " + what + ", like 2026-12-31.");
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new ClockException("Enter " + what + " as a date like 2026-12-31.");
    }
  }

  private static <E extends Enum<E>> E choice(String value, Class<E> type, String expected) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ClockException("Choose " + expected + ".");
    }
  }

  /** Case references separated by commas, spaces or new lines. */
  static List<String> references(String text) {
    List<String> refs =
        Arrays.stream(text.split("[\\s,;]+"))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .distinct()
            .toList();
    if (refs.size() > MAX_COORDINATED) {
      throw new ClockException("Name at most " + MAX_COORDINATED + " cases.");
    }
    return refs;
  }
}
