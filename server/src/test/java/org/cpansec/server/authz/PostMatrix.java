package org.cpansec.server.authz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The changing half of the matrix: every POST route, sent by every viewer without the right (with a
 * valid CSRF token, so that what refuses them is authorization) and by a viewer with the right but
 * without a token. Each must be refused — a redirect to sign in, 403 or 404, the same answer as for
 * a case that does not exist when the case is not theirs to see — and leave every table as it was.
 */
final class PostMatrix {
  private final World w;
  private final Probe probe;
  private final Snapshot snapshot;
  private final Snapshot everything;
  private final Map<Who, String> tokens = new HashMap<>();

  PostMatrix(World w, Probe probe, javax.sql.DataSource db) {
    this.w = w;
    this.probe = probe;
    this.snapshot = new Snapshot(db, false);
    this.everything = new Snapshot(db, true);
  }

  /**
   * Values for every form field any POST route reads: well-formed, so only a refusal stops them.
   */
  static Map<String, String> fields(Map<String, String> vals) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("to", "DRAFTING");
    f.put("label", "HIGH_PRIORITY");
    f.put("sensitive", "false");
    f.put("member", vals.get("member"));
    f.put("body", "matrix refused");
    f.put("shared", "true");
    f.put("scope", "OUT_OF_SCOPE");
    f.put("note", "matrix refused");
    f.put("severity", "HIGH");
    f.put("impact", "REMOTE_CODE_EXECUTION");
    f.put("vulnerability", "no");
    f.put("cveId", vals.get("cve"));
    f.put("reason", "matrix refused");
    f.put("statement", "matrix refused");
    f.put("text", "Matrix-Downstream");
    f.put("party", "OTHER");
    f.put("name", "Matrix");
    f.put("decision", "grant");
    f.put("date", "2030-01-02");
    f.put("grantedDate", "2030-01-02");
    f.put("requestedDate", "2030-01-02");
    f.put("contactedAt", "2026-01-02");
    f.put("at", "2026-01-02T10:00");
    f.put("response", "ACKNOWLEDGED");
    f.put("cve", vals.get("cve"));
    f.put("yaml", "title: matrix refused");
    f.put("action", "save");
    f.put("ids", "CVE-2026-8888888");
    f.put("year", "2026");
    f.put("amount", "1");
    f.put("username", "matrix-refused");
    f.put("displayName", "Matrix");
    f.put("email", "matrix@example.org");
    f.put("roles", "CNA_MEMBER");
    f.put("subject", "matrix refused");
    f.put("title", "Matrix refused");
    f.put("distribution", "Matrix-Dist");
    f.put("evidenceUrl", "https://example.org/matrix");
    f.put("maintainerName", "Matrix");
    f.put("maintainerEmail", "matrix@example.org");
    f.put("issue", "matrix");
    f.put("code", "000000");
    f.put("password", "matrix refused password");
    f.put("agree", "true");
    return f;
  }

  /** Every refused POST, and the tables after each route's requests. */
  List<String> refusals() {
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> start = everything.take();
    for (var e : Routes.TABLE.entrySet()) {
      Routes.Route r = e.getValue();
      Routes.Kind kind = r.kind();
      if (!e.getKey().startsWith("POST ")
          || kind == Routes.Kind.PUBLIC
          || kind == Routes.Kind.PUBLIC_API) {
        continue;
      }
      String template = r.probes().get(0);
      Map<String, List<String>> before = snapshot.take();
      List<MatrixCase> on =
          template.contains("{ref}")
              ? List.of(w.embargoed(), w.sensitiveCase())
              : List.of(w.embargoed());
      for (MatrixCase c : on) {
        Map<String, String> vals = values(c);
        if (kind == Routes.Kind.TRACKING || kind == Routes.Kind.EXTERNAL) {
          // A revoked link, and a link that never was, are refused alike.
          String refused =
              template.replace("{token}", "{revoked}").replace("{reporter}", "{revoked}");
          Map<String, String> miss = Probe.missing(vals);
          Answer a = send(w.anonymous, r, refused, vals);
          Answer m = send(w.anonymous, r, refused, miss);
          check(problems, kind, w.anonymous, c, Probe.fill(refused, vals), a);
          if (a.status() != 404
              || !Probe.shape(a, vals, refused).equals(Probe.shape(m, miss, refused))) {
            problems.add("POST " + Probe.fill(refused, vals) + ": " + a + " vs missing " + m);
          }
          continue;
        }
        for (Who v : w.everyone()) {
          if (Rules.mayChange(kind, v, c, w.named)) {
            continue;
          }
          Answer a = send(v, r, template, vals);
          String path = Probe.fill(template, vals);
          check(problems, kind, v, c, path, a);
          if (template.contains("{ref}") && !v.sees(c)) {
            Map<String, String> miss = Probe.missing(vals);
            Answer m = send(v, r, template, miss);
            if (!Probe.shape(a, vals, template).equals(Probe.shape(m, miss, template))) {
              problems.add(
                  v + " POST " + path + " answers unlike a missing case: " + a + " vs " + m);
            }
          }
        }
      }
      List<String> changed = Snapshot.changed(before, snapshot.take());
      if (!changed.isEmpty()) {
        problems.add(e.getKey() + ": refused requests changed " + changed);
      }
    }
    List<String> changed = Snapshot.changed(start, everything.take());
    if (!changed.isEmpty()) {
      problems.add("refused requests changed " + changed);
    }
    return problems;
  }

  /** Every POST but the CSRF-exempt JSON API, by a viewer with the right, without a token. */
  List<String> withoutCsrf() {
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> before = everything.take();
    for (var e : Routes.TABLE.entrySet()) {
      Routes.Route r = e.getValue();
      if (!e.getKey().startsWith("POST ") || r.kind() == Routes.Kind.PUBLIC_API) {
        continue;
      }
      Who v =
          switch (r.kind()) {
            case PUBLIC, TRACKING, EXTERNAL -> w.anonymous;
            case ADMIN -> w.adminCna;
            case ACCOUNT -> w.cpansec;
            default -> w.named;
          };
      Map<String, String> vals = values(w.embargoed());
      String path = Probe.fill(r.probes().get(0), vals);
      Answer a =
          r.json() != null
              ? v.browser().postJson(path, Probe.fill(r.json(), vals), null)
              : v.browser().post(path, fields(vals), null);
      if (a.status() != 403) {
        problems.add(v + " POST " + path + " without a CSRF token: " + a);
      }
      check(problems, r.kind(), v, w.embargoed(), path, a);
    }
    List<String> changed = Snapshot.changed(before, everything.take());
    if (!changed.isEmpty()) {
      problems.add("POSTs without a CSRF token changed " + changed);
    }
    return problems;
  }

  /** The snapshot is no blind eye: a member's accepted comment shows as a change. */
  void snapshotSeesAChange() {
    Map<String, List<String>> before = snapshot.take();
    MatrixCase c = w.embargoed();
    Answer a =
        w.named
            .browser()
            .post(
                "/cna/cases/" + c.ref() + "/comments",
                Map.of("body", "matrix control comment"),
                token(w.named));
    if (a.status() != 302 || !Snapshot.changed(before, snapshot.take()).contains("case_comment")) {
      throw new AssertionError("an accepted comment did not show in the snapshot: " + a);
    }
  }

  private Answer send(Who v, Routes.Route r, String template, Map<String, String> vals) {
    String path = Probe.fill(template, vals);
    if (r.json() != null) {
      return v.browser().postJson(path, Probe.fill(r.json(), vals), token(v));
    }
    return v.browser().post(path, fields(vals), token(v));
  }

  private String token(Who v) {
    return tokens.computeIfAbsent(v, x -> x.browser().csrf());
  }

  /** A refusal: sign in, 403 or 404; and no canary the viewer may not have. */
  private void check(
      List<String> problems, Routes.Kind kind, Who v, MatrixCase c, String path, Answer a) {
    boolean refused = a.redirectsToLogin() || a.status() == 403 || a.status() == 404;
    if (!refused) {
      problems.add(v + " POST " + path + " (" + c + ") was not refused: " + a);
    }
    Map<MatrixCase, Set<String>> byCase = new HashMap<>();
    for (Probe.Found f : probe.canaries(a, path)) {
      byCase
          .computeIfAbsent(w.cases.get(f.caseIndex()), k -> new java.util.TreeSet<>())
          .add(f.field());
    }
    byCase.forEach(
        (d, fields) -> {
          Set<String> leaked = Rules.leaked(fields, Rules.allowed(kind, v, c, path, d));
          if (!leaked.isEmpty()) {
            problems.add(v + " POST " + path + " received " + leaked + " of " + d);
          }
        });
  }

  /** Where two shapes part, with a little context. */
  static String diff(String a, String b) {
    int i = 0;
    while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    int from = Math.max(0, i - 80);
    return a.substring(from, Math.min(a.length(), i + 120)).replaceAll("\\s+", " ")
        + "\n  vs "
        + b.substring(from, Math.min(b.length(), i + 120)).replaceAll("\\s+", " ");
  }

  private Map<String, String> values(MatrixCase c) {
    return Probe.values(c, w.anchor(), w.members.get(w.members.size() - 1).memberId());
  }
}
