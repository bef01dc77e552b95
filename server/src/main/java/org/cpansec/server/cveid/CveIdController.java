package org.cpansec.server.cveid;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.cpansec.server.audit.AuditLog;
import org.cpansec.server.cases.CaseAccess;
import org.cpansec.server.cases.CaseNotFoundException;
import org.cpansec.server.cases.CaseRecord;
import org.cpansec.server.cases.Viewer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pool's pages: {@code /cna/cve-ids} (counts, list, import, refill from CVE Services) and a
 * case's IDs at {@code /cna/cases/{ref}/cve-ids} with the assign and release forms. Who sees what
 * is {@link CaseAccess}'s rule: someone who may not see cases at all, or not this case, gets the
 * site's 404. A refused action shows the page again with the reason and a 4xx status; a done one
 * redirects with a message. Both pages are reads of the cases they show, so they are audited.
 */
@Controller
public class CveIdController {
  /** Largest import file or pasted text. */
  static final int MAX_IMPORT_BYTES = 1024 * 1024;

  private final CveIdPool pool;
  private final PoolRefill refill;
  private final CaseAccess access;
  private final AuditLog audit;
  private final ObjectProvider<CurrentMember> current;
  private final Clock clock;

  public CveIdController(
      CveIdPool pool,
      PoolRefill refill,
      CaseAccess access,
      AuditLog audit,
      ObjectProvider<CurrentMember> current,
      Clock clock) {
    this.pool = pool;
    this.refill = refill;
    this.access = access;
    this.audit = audit;
    this.current = current;
    this.clock = clock;
  }

  // ---- the pool ---------------------------------------------------------------------------------

  @GetMapping("/cna/cve-ids")
  public String pool(
      @RequestParam(required = false) String year,
      @RequestParam(required = false) String state,
      Model model,
      HttpServletResponse res) {
    Member m = viewer();
    Integer y = null;
    CveIdState s = null;
    if (year != null && !year.isBlank()) {
      if (!year.strip().matches("[0-9]{4}")) {
        return showPool(m, null, null, model, res, badFilter("year must be four digits"));
      }
      y = Integer.parseInt(year.strip());
    }
    if (state != null && !state.isBlank()) {
      try {
        s = CveIdState.valueOf(state.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return showPool(m, y, null, model, res, badFilter("unknown state " + state.strip()));
      }
    }
    return showPool(m, y, s, model, res, null);
  }

  @PostMapping("/cna/cve-ids/import")
  public String importIds(
      @RequestParam(required = false) MultipartFile file,
      @RequestParam(required = false) String ids,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Member m = viewer();
    try {
      String text;
      String source;
      if (file != null && !file.isEmpty()) {
        if (file.getSize() > MAX_IMPORT_BYTES) {
          throw new PoolRefusal(
              PoolRefusal.Kind.INVALID, "The file is larger than 1 MiB; split it into several.");
        }
        text = utf8(file);
        source = "import: file " + fileName(file.getOriginalFilename());
      } else if (ids != null && !ids.isBlank()) {
        if (ids.length() > MAX_IMPORT_BYTES) {
          throw new PoolRefusal(
              PoolRefusal.Kind.INVALID, "The pasted text is longer than 1 MiB; split it.");
        }
        text = ids;
        source = "import: pasted";
      } else {
        throw new PoolRefusal(
            PoolRefusal.Kind.INVALID,
            "Choose a file or paste the IDs (one CVE-YYYY-NNNN a line, or CVE Services' JSON).");
      }
      ImportResult r = pool.importText(text, source, m);
      redirect.addFlashAttribute("message", r.summary());
      return "redirect:/cna/cve-ids";
    } catch (PoolRefusal e) {
      model.addAttribute("pasted", ids);
      return showPool(m, null, null, model, res, e);
    }
  }

  @PostMapping("/cna/cve-ids/refill")
  public String refill(
      @RequestParam(required = false) String year,
      @RequestParam(required = false) String amount,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Member m = viewer();
    try {
      int y = number(year, "The year");
      int n = number(amount, "The number of IDs");
      ImportResult r = refill.refill(y, n, m);
      redirect.addFlashAttribute(
          "message",
          "Reserved at CVE Services: " + String.join(", ", r.added()) + ". " + r.summary());
      return "redirect:/cna/cve-ids";
    } catch (PoolRefusal e) {
      return showPool(m, null, null, model, res, e);
    }
  }

  @PostMapping("/cna/cve-ids/fetch")
  public String fetch(Model model, HttpServletResponse res, RedirectAttributes redirect) {
    Member m = viewer();
    try {
      ImportResult r = refill.fetchReserved(m);
      redirect.addFlashAttribute(
          "message",
          r.added().isEmpty() && r.alreadyInPool().isEmpty()
              ? "CVE Services lists no reserved ID for the organisation."
              : r.summary());
      return "redirect:/cna/cve-ids";
    } catch (PoolRefusal e) {
      return showPool(m, null, null, model, res, e);
    }
  }

  @PostMapping("/cna/cve-ids/{cveId}/reject-at-cve-services")
  public String rejectRemote(
      @PathVariable String cveId,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Member m = viewer();
    try {
      refill.rejectAtCveServices(cveId, m);
      redirect.addFlashAttribute("message", cveId + " is now rejected at CVE Services.");
      return "redirect:/cna/cve-ids";
    } catch (PoolRefusal e) {
      return showPool(m, null, null, model, res, e);
    }
  }

  // ---- a case's IDs -----------------------------------------------------------------------------

  @GetMapping("/cna/cases/{ref}/cve-ids")
  public String caseIds(@PathVariable String ref, Model model, HttpServletResponse res) {
    Member m = viewer();
    return showCase(m, visibleCase(ref, m), model, res, null);
  }

  @PostMapping("/cna/cases/{ref}/cve-ids/assign")
  public String assign(
      @PathVariable String ref,
      @RequestParam(required = false) String note,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Member m = viewer();
    CaseRecord c = visibleCase(ref, m);
    try {
      String id = pool.assign(c.id(), m, note);
      redirect.addFlashAttribute("message", id + " is assigned to " + c.reference() + ".");
      return "redirect:/cna/cases/{ref}/cve-ids";
    } catch (PoolRefusal e) {
      return showCase(m, c, model, res, e);
    }
  }

  @PostMapping("/cna/cases/{ref}/cve-ids/release")
  public String release(
      @PathVariable String ref,
      @RequestParam(required = false) String cveId,
      @RequestParam(required = false) String note,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Member m = viewer();
    CaseRecord c = visibleCase(ref, m);
    try {
      if (cveId == null || cveId.isBlank()) {
        throw new PoolRefusal(PoolRefusal.Kind.INVALID, "Say which CVE ID to release.");
      }
      CveIdPool.Released r = pool.release(c.id(), cveId.strip(), m, note);
      redirect.addFlashAttribute(
          "message",
          r.newState() == CveIdState.AVAILABLE
              ? r.cveId() + " is back in the pool."
              : r.cveId()
                  + " had already been shared, so it is now REJECTED and will never be reused;"
                  + " reject it at CVE Services too.");
      return "redirect:/cna/cases/{ref}/cve-ids";
    } catch (PoolRefusal e) {
      return showCase(m, c, model, res, e);
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private Member viewer() {
    CurrentMember who = current.getIfAvailable();
    Member m = who == null ? null : who.get().orElse(null);
    if (!CaseAccess.isWorkspaceMember(m)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return m;
  }

  private CaseRecord visibleCase(String ref, Member m) {
    try {
      return access.forMember(ref, Viewer.of(m));
    } catch (CaseNotFoundException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
  }

  private String showPool(
      Member m,
      Integer year,
      CveIdState state,
      Model model,
      HttpServletResponse res,
      PoolRefusal e) {
    Viewer viewer = Viewer.of(m);
    List<Row> rows =
        pool.list(year, state).stream()
            .map(
                p ->
                    new Row(
                        p,
                        p.caseReference() != null
                            && (!p.caseSensitive() || access.maySee(viewer, p.caseId()))))
            .toList();
    List<String> shown =
        rows.stream().filter(Row::showCase).map(r -> r.entry().caseReference()).distinct().toList();
    audit.append(
        viewer.actor(),
        "cveid.pool.view",
        null,
        rows.size()
            + " IDs listed"
            + (shown.isEmpty() ? "" : "; cases: " + String.join(", ", shown)));
    int thisYear = LocalDate.now(clock).getYear();
    model.addAttribute("canManage", CaseAccess.isCnaMember(m));
    model.addAttribute("counts", pool.counts());
    model.addAttribute("states", CveIdState.values());
    model.addAttribute("rows", rows);
    model.addAttribute("year", year);
    model.addAttribute("state", state);
    model.addAttribute("thisYear", thisYear);
    model.addAttribute("refillYears", List.of(thisYear - 1, thisYear, thisYear + 1));
    model.addAttribute("maxAmount", PoolRefill.MAX_AMOUNT);
    model.addAttribute("cveServices", refill.enabled());
    model.addAttribute("cveServicesOff", refill.disabledReason());
    model.addAttribute(
        "pending", rows.stream().filter(r -> r.entry().awaitsRejectionAtCveServices()).toList());
    refused(model, res, e);
    return "cveid/pool";
  }

  private String showCase(
      Member m, CaseRecord c, Model model, HttpServletResponse res, PoolRefusal e) {
    audit.append(Viewer.of(m).actor(), "cveid.case.view", c.id(), c.reference());
    model.addAttribute("canManage", CaseAccess.isCnaMember(m));
    model.addAttribute("kase", c);
    model.addAttribute("ids", pool.idsOf(c.id()));
    model.addAttribute("history", pool.history(c.id()));
    try {
      CveIdPool.YearChoice y = pool.yearFor(c.id());
      model.addAttribute("yearChoice", y);
      model.addAttribute("available", pool.available(y.year()));
    } catch (PoolRefusal yearProblem) {
      model.addAttribute("yearProblem", yearProblem.getMessage());
    }
    refused(model, res, e);
    return "cveid/case";
  }

  private static void refused(Model model, HttpServletResponse res, PoolRefusal e) {
    if (e == null) {
      return;
    }
    res.setStatus(
        switch (e.kind()) {
          case FORBIDDEN -> 403;
          case NOT_FOUND -> 404;
          case CONFLICT, EMPTY_POOL -> 409;
          case INVALID -> 422;
          case UNAVAILABLE -> 503;
        });
    model.addAttribute("error", e.getMessage());
    model.addAttribute("problems", e.problems());
  }

  private static PoolRefusal badFilter(String why) {
    return new PoolRefusal(PoolRefusal.Kind.INVALID, "Filter ignored: " + why + ".");
  }

  private static int number(String s, String what) {
    if (s == null || !s.strip().matches("[0-9]{1,6}")) {
      throw new PoolRefusal(PoolRefusal.Kind.INVALID, what + " must be a whole number.");
    }
    return Integer.parseInt(s.strip());
  }

  private static String utf8(MultipartFile file) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(file.getBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new PoolRefusal(
          PoolRefusal.Kind.INVALID, "The file is not UTF-8 text (one CVE-YYYY-NNNN a line).");
    } catch (IOException e) {
      throw new PoolRefusal(PoolRefusal.Kind.INVALID, "The file could not be read; try again.");
    }
  }

  private static String fileName(String original) {
    if (original == null || original.isBlank()) {
      return "(unnamed)";
    }
    String name = original.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "");
    return name.length() > 100 ? name.substring(0, 100) : name;
  }

  /**
   * A pool row and whether the viewer may see which case holds it (a sensitive case's reference is
   * shown only to the CNA members named on it).
   */
  public record Row(CveIdPool.PoolEntry entry, boolean showCase) {}
}
