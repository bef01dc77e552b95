package org.cpansec.server.docs;

import java.time.format.DateTimeFormatter;
import org.cpansec.server.ServerProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** {@code /docs/{page}} and the RFC 9116 {@code /.well-known/security.txt}. */
@Controller
public class DocumentController {
  private final DocumentPages pages;
  private final ServerProperties properties;

  public DocumentController(DocumentPages pages, ServerProperties properties) {
    this.pages = pages;
    this.properties = properties;
  }

  @GetMapping("/docs/{page}")
  public String page(@PathVariable String page, Model model) {
    model.addAttribute(
        "doc",
        pages.page(page).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    return "document";
  }

  @GetMapping("/.well-known/security.txt")
  public ResponseEntity<String> securityTxt() {
    ServerProperties.SecurityTxt s = properties.securityTxt();
    String base = properties.site().baseUrl().toString().replaceAll("/$", "");
    String body =
        "Contact: "
            + s.contact()
            + "\nContact: "
            + base
            + "/report\nExpires: "
            + s.expires().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            + "\nPolicy: "
            + base
            + "/docs/"
            + s.policyPage()
            + "\nPreferred-Languages: en\nCanonical: "
            + base
            + "/.well-known/security.txt\n";
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
        .body(body);
  }
}
