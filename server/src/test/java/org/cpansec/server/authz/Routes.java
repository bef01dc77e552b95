package org.cpansec.server.authz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every route of the server, reviewed: who may use it, and how the matrix asks for it. A route the
 * handler mapping has and this table does not (or the other way round) fails the matrix, so a new
 * route cannot slip in unreviewed.
 *
 * <p>Probe paths name what they ask for with placeholders that the matrix fills from one case:
 * {@code {ref}}, {@code {cve}}, {@code {att}} (a file of the case), {@code {reportatt}} (a file
 * copied from its report), {@code {report}} (the report's id), {@code {token}} (the maintainer's
 * link), {@code {reporter}} (the tracking token), {@code {revoked}} (a revoked link), {@code
 * {grant}} (the maintainer's grant id), {@code {comment}} (a private comment's id), {@code {title}}
 * and {@code {dist}} (search words); {@code {anchor}} is another case that every workspace member
 * sees, to try one case's ids through another case's URL. A probe without placeholders is asked
 * once per viewer.
 */
final class Routes {
  /** Who may use a route. */
  enum Kind {
    /** Anyone; shows no case data to anyone (a case's public face is its advisory). */
    PUBLIC,
    /** The OSV JSON API: anyone, no cookies, no CSRF; no case data. */
    PUBLIC_API,
    /** The reporter's tracking page: the holder of the report's token. */
    TRACKING,
    /** An external party's view of one case: the holder of an unrevoked link to it. */
    EXTERNAL,
    /** A member's own account pages: no case data. */
    ACCOUNT,
    /** The workspace's lists, searches and counts: the cases the member sees, only. */
    WORKSPACE,
    /** A workspace action on no particular case: CNA members. */
    CNA_ACTION,
    /** A case's pages: members who see the case. */
    CASE_READ,
    /** A change members who see the case may make (comments, files, checking a record). */
    CASE_MEMBER_WRITE,
    /** Editing a comment: its author. */
    CASE_AUTHOR_WRITE,
    /** A change to a case: CNA members who see it. */
    CASE_CNA_WRITE,
    /** Administration: admins; no case content even for them. */
    ADMIN
  }

  /**
   * One reviewed route.
   *
   * @param probes for GET (and the read-only JSON POSTs): the paths to ask for; for other POSTs:
   *     the path to post to
   * @param json a JSON body to send (a POST that reads), else null
   */
  record Route(Kind kind, List<String> probes, String json) {
    boolean isCaseAddressed(String probe) {
      return probe.matches(
          ".*\\{(ref|att|reportatt|report|token|reporter|revoked|cve|grant|comment|title|dist)}.*");
    }
  }

  static final Map<String, Route> TABLE = new LinkedHashMap<>();

  private static void add(String key, Kind kind, String... probes) {
    if (TABLE.put(key, new Route(kind, List.of(probes), null)) != null) {
      throw new IllegalStateException("listed twice: " + key);
    }
  }

  private static void json(String key, Kind kind, String probe, String body) {
    if (TABLE.put(key, new Route(kind, List.of(probe), body)) != null) {
      throw new IllegalStateException("listed twice: " + key);
    }
  }

  private static void cnaWrite(String... paths) {
    for (String p : paths) {
      add("POST " + p, Kind.CASE_CNA_WRITE, fill(p));
    }
  }

  /** A pattern's own path variables, as the probes' placeholders. */
  private static String fill(String pattern) {
    return pattern
        .replace("{id}/revoke", "{grant}/revoke")
        .replace("comments/{id}", "comments/{comment}")
        .replace("{id}", "1")
        .replace("{cveId}", "{cve}");
  }

  static {
    // ---- the public site ----
    add("GET /", Kind.PUBLIC, "/");
    add(
        "GET /advisories",
        Kind.PUBLIC,
        "/advisories",
        "/advisories?q={title}",
        "/advisories?q={dist}",
        "/advisories?dist={dist}",
        "/advisories?cve={cve}");
    add("GET /advisories/{id}", Kind.PUBLIC, "/advisories/{cve}");
    add("GET /dists/{name}", Kind.PUBLIC, "/dists/{dist}");
    add("GET /docs/{page}", Kind.PUBLIC, "/docs/how-to-report", "/docs/disclosure-policy");
    add("GET /.well-known/security.txt", Kind.PUBLIC, "/.well-known/security.txt");
    add("GET /report", Kind.PUBLIC, "/report");
    add("GET /report/perl", Kind.PUBLIC, "/report/perl");
    add("GET /report/vulnerability", Kind.PUBLIC, "/report/vulnerability");
    add("GET /report/malware", Kind.PUBLIC, "/report/malware");
    add("GET /report/account", Kind.PUBLIC, "/report/account");
    add("GET /report/received", Kind.PUBLIC, "/report/received");
    add("POST /report/vulnerability", Kind.PUBLIC, "/report/vulnerability");
    add("POST /report/malware", Kind.PUBLIC, "/report/malware");
    add("POST /report/account", Kind.PUBLIC, "/report/account");
    add("GET /feeds/advisories.atom", Kind.PUBLIC, "/feeds/advisories.atom");
    add("GET /feeds/cpansa.json", Kind.PUBLIC, "/feeds/cpansa.json");
    add("GET /feeds/cpan-audit.json", Kind.PUBLIC, "/feeds/cpan-audit.json");
    add("GET /feeds/cpansa-feed.json", Kind.PUBLIC, "/feeds/cpansa-feed.json");
    add("GET /feeds/osv.zip", Kind.PUBLIC, "/feeds/osv.zip");
    add(
        "GET /patches/{initial}/{dist}/{version}/{file}",
        Kind.PUBLIC,
        "/patches/C/{dist}/1.0/{cve}-r1.patch");
    add("GET /login", Kind.PUBLIC, "/login");
    add("POST /login", Kind.PUBLIC, "/login");
    add("GET /login/totp", Kind.PUBLIC, "/login/totp");
    add("POST /login/totp", Kind.PUBLIC, "/login/totp");
    add("GET /enrol/{token}", Kind.PUBLIC, "/enrol/" + "E".repeat(43));
    add("POST /enrol/{token}", Kind.PUBLIC, "/enrol/" + "E".repeat(43));
    add("ANY /error", Kind.PUBLIC, "/error");
    // ---- the OSV API ----
    add("GET /v1/vulns/{id}", Kind.PUBLIC_API, "/v1/vulns/{cve}");
    json(
        "POST /v1/query",
        Kind.PUBLIC_API,
        "/v1/query",
        "{\"package\":{\"name\":\"{dist}\",\"ecosystem\":\"CPAN\"},\"version\":\"1.0\"}");
    json(
        "POST /v1/querybatch",
        Kind.PUBLIC_API,
        "/v1/querybatch",
        "{\"queries\":[{\"package\":{\"name\":\"{dist}\",\"ecosystem\":\"CPAN\"}}]}");
    // ---- reporters and external parties ----
    add("GET /track/{token}", Kind.TRACKING, "/track/{reporter}");
    add("POST /track/{token}", Kind.TRACKING, "/track/{reporter}");
    add("GET /case/{token}", Kind.EXTERNAL, "/case/{token}", "/case/{reporter}", "/case/{revoked}");
    add("POST /case/{token}", Kind.EXTERNAL, "/case/{token}");
    add("POST /case/{token}/confirm", Kind.EXTERNAL, "/case/{token}/confirm");
    add("POST /case/{token}/extension", Kind.EXTERNAL, "/case/{token}/extension");
    // ---- one's own account ----
    add("GET /account", Kind.ACCOUNT, "/account");
    add("POST /account/sign-out-everywhere", Kind.ACCOUNT, "/account/sign-out-everywhere");
    add("GET /account/agreement", Kind.ACCOUNT, "/account/agreement");
    add("POST /account/agreement", Kind.ACCOUNT, "/account/agreement");
    add("ANY /account/agreement-required", Kind.ACCOUNT, "/account/agreement-required");
    add("ANY /account/forbidden", Kind.ACCOUNT, "/account/forbidden");
    // ---- the workspace: lists, searches, counts ----
    add("GET /cna", Kind.WORKSPACE, "/cna");
    add(
        "GET /cna/cases",
        Kind.WORKSPACE,
        "/cna/cases",
        "/cna/cases?state=EMBARGO",
        "/cna/cases?q={title}",
        "/cna/cases?q={dist}",
        "/cna/cases?q={ref}");
    add("GET /cna/reports", Kind.WORKSPACE, "/cna/reports");
    add("GET /cna/cases/new", Kind.WORKSPACE, "/cna/cases/new", "/cna/cases/new?report={report}");
    add("GET /cna/cve-ids", Kind.WORKSPACE, "/cna/cve-ids", "/cna/cve-ids?year=2026");
    add("POST /cna/cases/new", Kind.CNA_ACTION, "/cna/cases/new");
    add("POST /cna/cve-ids/import", Kind.CNA_ACTION, "/cna/cve-ids/import");
    add("POST /cna/cve-ids/refill", Kind.CNA_ACTION, "/cna/cve-ids/refill");
    add("POST /cna/cve-ids/fetch", Kind.CNA_ACTION, "/cna/cve-ids/fetch");
    add(
        "POST /cna/cve-ids/{cveId}/reject-at-cve-services",
        Kind.CNA_ACTION,
        "/cna/cve-ids/{cve}/reject-at-cve-services");
    // ---- a case's pages ----
    add("GET /cna/cases/{ref}", Kind.CASE_READ, "/cna/cases/{ref}");
    add(
        "GET /cna/cases/{ref}/attachments/{id}",
        Kind.CASE_READ,
        "/cna/cases/{ref}/attachments/{att}",
        "/cna/cases/{ref}/attachments/{reportatt}",
        "/cna/cases/{anchor}/attachments/{att}");
    add(
        "GET /cna/cases/{ref}/duplicates",
        Kind.CASE_READ,
        "/cna/cases/{ref}/duplicates",
        "/cna/cases/{anchor}/duplicates?distribution={dist}&words={title}");
    add(
        "GET /cna/cases/{ref}/record",
        Kind.CASE_READ,
        "/cna/cases/{ref}/record",
        "/cna/cases/{ref}/record?cve={cve}",
        "/cna/cases/{anchor}/record?cve={cve}");
    add(
        "GET /cna/cases/{ref}/record/history",
        Kind.CASE_READ,
        "/cna/cases/{ref}/record/history?cve={cve}",
        "/cna/cases/{anchor}/record/history?cve={cve}");
    add(
        "GET /cna/cases/{ref}/record/versions/{version}",
        Kind.CASE_READ,
        "/cna/cases/{ref}/record/versions/1?cve={cve}",
        "/cna/cases/{anchor}/record/versions/1?cve={cve}");
    add("GET /cna/cases/{ref}/cve-ids", Kind.CASE_READ, "/cna/cases/{ref}/cve-ids");
    add("GET /cna/cases/{ref}/clock", Kind.CASE_READ, "/cna/cases/{ref}/clock");
    add("GET /cna/cases/{ref}/contact", Kind.CASE_READ, "/cna/cases/{ref}/contact");
    add("GET /cna/cases/{ref}/publication", Kind.CASE_READ, "/cna/cases/{ref}/publication");
    // ---- changes to a case ----
    add("POST /cna/cases/{ref}/comments", Kind.CASE_MEMBER_WRITE, "/cna/cases/{ref}/comments");
    add(
        "POST /cna/cases/{ref}/attachments",
        Kind.CASE_MEMBER_WRITE,
        "/cna/cases/{ref}/attachments");
    add("POST /cna/cases/{ref}/record", Kind.CASE_CNA_WRITE, "/cna/cases/{ref}/record");
    json(
        "POST /cna/cases/{ref}/record/check",
        Kind.CASE_MEMBER_WRITE,
        "/cna/cases/{ref}/record/check",
        "{\"cve\":\"{cve}\",\"yaml\":\"title: x\",\"strict\":false}");
    add(
        "POST /cna/cases/{ref}/comments/{id}",
        Kind.CASE_AUTHOR_WRITE,
        "/cna/cases/{ref}/comments/{comment}");
    cnaWrite(
        "/cna/cases/{ref}/state",
        "/cna/cases/{ref}/labels",
        "/cna/cases/{ref}/sensitive",
        "/cna/cases/{ref}/named",
        "/cna/cases/{ref}/scope",
        "/cna/cases/{ref}/assessment",
        "/cna/cases/{ref}/earliest-public-report",
        "/cna/cases/{ref}/vote",
        "/cna/cases/{ref}/maintainer-statement",
        "/cna/cases/{ref}/blast-radius",
        "/cna/cases/{ref}/blast-radius/cpan-index",
        "/cna/cases/{ref}/grants",
        "/cna/cases/{ref}/grants/{id}/revoke",
        "/cna/cases/{ref}/cve-ids/assign",
        "/cna/cases/{ref}/cve-ids/release",
        "/cna/cases/{ref}/contact",
        "/cna/cases/{ref}/extension-requests/{id}",
        "/cna/cases/{ref}/already-public",
        "/cna/cases/{ref}/assignees",
        "/cna/cases/{ref}/clock/contact",
        "/cna/cases/{ref}/clock/response",
        "/cna/cases/{ref}/clock/extensions",
        "/cna/cases/{ref}/clock/extensions/{id}/decision",
        "/cna/cases/{ref}/clock/coordinated",
        "/cna/cases/{ref}/clock/coordinated/leave",
        "/cna/cases/{ref}/clock/public",
        "/cna/cases/{ref}/clock/abandonment",
        "/cna/cases/{ref}/clock/disputes",
        "/cna/cases/{ref}/clock/disputes/{id}/acknowledgement",
        "/cna/cases/{ref}/publication/publish",
        "/cna/cases/{ref}/publication/retry",
        "/cna/cases/{ref}/publication/update",
        "/cna/cases/{ref}/publication/fix-patch",
        "/cna/cases/{ref}/publication/fix-patch/remove",
        "/cna/cases/{ref}/publication/disputes",
        "/cna/cases/{ref}/publication/disputes/{id}/acknowledge",
        "/cna/cases/{ref}/publication/disputes/{id}/decision");
    // ---- administration ----
    add("GET /admin", Kind.ADMIN, "/admin");
    add("GET /admin/accounts", Kind.ADMIN, "/admin/accounts");
    add("POST /admin/accounts", Kind.ADMIN, "/admin/accounts");
    add("POST /admin/accounts/{id}/reset", Kind.ADMIN, "/admin/accounts/{member}/reset");
    add("POST /admin/accounts/{id}/disable", Kind.ADMIN, "/admin/accounts/{member}/disable");
    add("POST /admin/accounts/{id}/enable", Kind.ADMIN, "/admin/accounts/{member}/enable");
    add("GET /admin/audit", Kind.ADMIN, "/admin/audit", "/admin/audit?case={ref}");
    add("POST /admin/audit/verify", Kind.ADMIN, "/admin/audit/verify");
    add("GET /admin/mail-templates", Kind.ADMIN, "/admin/mail-templates");
    add(
        "GET /admin/mail-templates/{purpose}",
        Kind.ADMIN,
        "/admin/mail-templates/maintainer-contact");
    add(
        "POST /admin/mail-templates/{purpose}",
        Kind.ADMIN,
        "/admin/mail-templates/maintainer-contact");
    add(
        "GET /admin/mail-templates/{purpose}/history",
        Kind.ADMIN,
        "/admin/mail-templates/maintainer-contact/history");
    add(
        "GET /admin/mail-templates/{purpose}/versions/{version}",
        Kind.ADMIN,
        "/admin/mail-templates/maintainer-contact/versions/1");
    add("GET /admin/mail-keys", Kind.ADMIN, "/admin/mail-keys");
    add("POST /admin/mail-keys", Kind.ADMIN, "/admin/mail-keys");
    add("POST /admin/mail-keys/remove", Kind.ADMIN, "/admin/mail-keys/remove");
    add("GET /admin/outbox", Kind.ADMIN, "/admin/outbox");
    add("GET /admin/mail-intake", Kind.ADMIN, "/admin/mail-intake");
    add("GET /admin/mail-intake/raw/{row}", Kind.ADMIN, "/admin/mail-intake/raw/1");
    add("GET /admin/cpan-index", Kind.ADMIN, "/admin/cpan-index");
    add("POST /admin/cpan-index", Kind.ADMIN, "/admin/cpan-index");
  }

  private Routes() {}
}
