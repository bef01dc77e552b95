package org.cpansec.server.audit;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /admin/audit}: who saw and changed what (filtered by case reference or by member), and a
 * button that verifies the whole chain. For admins who signed the current agreement; anybody else
 * gets "not found".
 */
@Controller
public class AuditController {
  private static final int LIMIT = 500;

  private final ObjectProvider<CurrentMember> currentMember;
  private final AuditLog log;
  private final AuditVerifier verifier;

  AuditController(
      ObjectProvider<CurrentMember> currentMember, AuditLog log, AuditVerifier verifier) {
    this.currentMember = currentMember;
    this.log = log;
    this.verifier = verifier;
  }

  private Member admin() {
    CurrentMember cm = currentMember.getIfAvailable();
    Optional<Member> m = cm == null ? Optional.empty() : cm.get();
    if (m.isEmpty() || !AuditLog.mayRead(m.get())) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return m.get();
  }

  @GetMapping("/admin/audit")
  public String page(
      @RequestParam(name = "case", defaultValue = "") String reference,
      @RequestParam(name = "member", defaultValue = "") String member,
      Model model,
      HttpServletResponse res) {
    show(admin(), reference, member, model);
    res.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    return "cases/audit";
  }

  @PostMapping("/admin/audit/verify")
  public String verify(Model model, HttpServletResponse res) {
    Member admin = admin();
    AuditVerifier.Result result = verifier.verify();
    log.append(
        AuditLog.member(admin.id()),
        "audit.verify",
        null,
        result.intact()
            ? "intact, " + result.rowsChecked() + " rows"
            : "broken at row " + result.firstBrokenId());
    model.addAttribute("result", result);
    show(admin, "", "", model);
    res.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    return "cases/audit";
  }

  private void show(Member admin, String reference, String member, Model model) {
    String ref = reference.strip();
    String user = member.strip();
    model.addAttribute("caseFilter", ref);
    model.addAttribute("memberFilter", user);
    Optional<Long> caseId = Optional.empty();
    Optional<String> actor = Optional.empty();
    String problem = null;
    if (!ref.isEmpty()) {
      caseId = log.caseIdOf(ref, admin);
      if (caseId.isEmpty()) {
        problem = "There is no case " + ref + ".";
      }
    }
    if (!user.isEmpty()) {
      actor =
          user.startsWith("grant:") || user.equals(AuditLog.SYSTEM)
              ? Optional.of(user)
              : log.actorOfUsername(user, admin);
      if (actor.isEmpty()) {
        problem = "There is no member " + user + ".";
      }
    }
    List<AuditLog.Listed> rows =
        problem != null ? List.of() : log.list(new AuditLog.Filter(caseId, actor, LIMIT), admin);
    model.addAttribute("problem", problem);
    model.addAttribute("rows", rows);
    model.addAttribute("limit", LIMIT);
  }
}
