package org.cpansec.server.authz;

import java.util.List;
import java.util.Set;
import org.cpansec.server.cases.CaseState;

/**
 * One case of the matrix and everything a URL can name of it. Every field a member or party can
 * fill carries a canary: {@link #prefix()} followed by the field's name, letters and digits only,
 * so that it survives HTML, JSON and URL encoding unchanged and a scan finds it anywhere.
 */
record MatrixCase(
    int index,
    CaseState state,
    boolean sensitive,
    String prefix,
    String ref,
    long id,
    long reportId,
    String cve,
    long attachmentId,
    long reportAttachmentId,
    String reporterToken,
    String maintainerToken,
    String revokedToken,
    long maintainerGrantId,
    long privateCommentId) {

  /** Every field that carries a canary (what follows the prefix). */
  static final List<String> FIELDS =
      List.of(
          "title",
          "dist",
          "versions",
          "details",
          "reporter",
          "reportfile",
          "reportbytes",
          "private",
          "shared",
          "attname",
          "attbytes",
          "vote",
          "scope",
          "statement",
          "blast",
          "grant",
          "revoked",
          "record");

  /** What the external view of its own case may show (ADR 0008: title, versions, shared part). */
  static final Set<String> EXTERNAL_VIEW =
      Set.of("title", "dist", "versions", "reporter", "shared", "grant");

  /** What the reporter's tracking page may show them: their own report, and the external view. */
  static final Set<String> TRACKING_VIEW =
      Set.of(
          "title",
          "dist",
          "versions",
          "reporter",
          "shared",
          "grant",
          "details",
          "reportfile",
          "reportbytes");

  String canary(String field) {
    return prefix + field;
  }

  String title() {
    return canary("title");
  }

  String dist() {
    return canary("dist");
  }

  @Override
  public String toString() {
    return ref + " (" + state + (sensitive ? ", sensitive" : "") + ")";
  }
}
