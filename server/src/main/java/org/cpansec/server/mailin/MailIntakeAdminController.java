package org.cpansec.server.mailin;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /admin/mail-intake}: what mail intake did, the quarantined messages with their reasons,
 * the encrypted ones waiting for decryption, and each one's raw message as a download (never shown
 * inline).
 *
 * <p>For admins who have signed the current pre-release disclosure agreement: quarantined mail can
 * hold an embargoed report (CPANSEC-PROCESS.md §5). Anyone else is refused with the reason.
 */
@Controller
@RequestMapping("/admin/mail-intake")
public class MailIntakeAdminController {
  private static final int LIST_LIMIT = 200;

  private final MailIntakeStore store;
  private final MailIntakeProperties config;
  private final ObjectProvider<CurrentMember> members;

  public MailIntakeAdminController(
      MailIntakeStore store, MailIntakeProperties config, ObjectProvider<CurrentMember> members) {
    this.store = store;
    this.config = config;
    this.members = members;
  }

  /** Why the current request may not see mail intake. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  @GetMapping
  public String overview(Model model, HttpServletResponse res) {
    requireAdmin();
    res.setHeader("Cache-Control", "no-store");
    model.addAttribute("state", config.enabled() ? "on: " + config.describe() : "off");
    model.addAttribute("outcomes", store.outcomes());
    model.addAttribute("duplicates", store.duplicates());
    model.addAttribute("quarantined", store.quarantined(LIST_LIMIT));
    model.addAttribute("encrypted", store.encrypted(LIST_LIMIT));
    return "mailin/admin";
  }

  /** The raw RFC 822 message, as a file to save: never rendered by the browser. */
  @GetMapping("/raw/{row}")
  public ResponseEntity<byte[]> raw(@PathVariable String row) {
    requireAdmin();
    long id;
    try {
      id = Long.parseLong(row);
    } catch (NumberFormatException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    byte[] raw = store.raw(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("mail-" + id + ".eml").build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(raw);
  }

  @ExceptionHandler(Refused.class)
  public String refused(Refused e, Model model, HttpServletResponse res) {
    res.setStatus(HttpStatus.FORBIDDEN.value());
    model.addAttribute("reason", e.getMessage());
    return "mailin/refused";
  }

  private Member requireAdmin() {
    CurrentMember current = members.getIfAvailable();
    Optional<Member> member = current == null ? Optional.empty() : current.get();
    if (member.isEmpty()) {
      throw new Refused("Sign in as an admin to see mail intake.");
    }
    Member m = member.get();
    if (!m.isAdmin()) {
      throw new Refused("Mail intake is for admins only.");
    }
    if (!m.maySeeEmbargoed()) {
      throw new Refused(
          "Sign the current pre-release disclosure agreement first: quarantined mail can hold"
              + " embargoed reports.");
    }
    return m;
  }
}
