package org.cpansec.server.record;

import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.cases.CaseAccess;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /cna/cases/{ref}/record/check}: the live validation the editor calls as the member
 * types. JSON in ({@code {"cve": …, "yaml": …, "strict": …}}), {@link CheckResult} out. Nothing is
 * stored. A case the member may not see answers 404, like a case that does not exist.
 */
@RestController
public class RecordCheckController {
  private final ObjectProvider<CurrentMember> current;
  private final CaseAccess access;
  private final RecordStore store;
  private final RecordCheck check;
  private final RecordProperties properties;

  RecordCheckController(
      ObjectProvider<CurrentMember> current,
      CaseAccess access,
      RecordStore store,
      RecordCheck check,
      RecordProperties properties) {
    this.current = current;
    this.access = access;
    this.store = store;
    this.check = check;
    this.properties = properties;
  }

  /**
   * The request.
   *
   * @param cve the CVE ID the record is kept under (compared with the record's {@code cve}); may be
   *     left out
   * @param yaml the record text
   * @param strict count lint warnings as errors
   */
  public record CheckRequest(String cve, String yaml, boolean strict) {}

  /** An error answer: what was wrong with the request. */
  public record Refusal(String error) {}

  @PostMapping(
      path = "/cna/cases/{ref}/record/check",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> check(@PathVariable String ref, @RequestBody CheckRequest request) {
    Editing viewer = Editing.of(current, access, ref).orElse(null);
    if (viewer == null) {
      return refuse(HttpStatus.NOT_FOUND, "No such case.");
    }
    if (request.cve() != null && !store.cves(viewer.kase().id()).contains(request.cve())) {
      return refuse(HttpStatus.NOT_FOUND, "This case holds no CVE ID " + request.cve() + ".");
    }
    if (request.yaml() == null) {
      return refuse(
          HttpStatus.BAD_REQUEST,
          "Send the record text as \"yaml\": {\"yaml\": \"cpansec: ...\"}.");
    }
    String text = RecordCheck.normalise(request.yaml());
    if (text.length() > properties.maxChars()) {
      return refuse(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "The record is "
              + text.length()
              + " characters long; at most "
              + properties.maxChars()
              + " are accepted.");
    }
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(check.check(text, request.strict(), request.cve()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Refusal> unreadable() {
    return refuse(
        HttpStatus.BAD_REQUEST,
        "The body is not the expected JSON: {\"cve\": \"CVE-…\", \"yaml\": \"…\", \"strict\":"
            + " false}.");
  }

  private static ResponseEntity<Refusal> refuse(HttpStatus status, String why) {
    return ResponseEntity.status(status)
        .cacheControl(CacheControl.noStore())
        .contentType(MediaType.APPLICATION_JSON)
        .body(new Refusal(why));
  }
}
