package org.cpansec.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cpansec.server.cases.CaseState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The authorization matrix of issue 8 over HTTP: every route of the server × every kind of viewer
 * (signed in for real, with password and code) × cases in every state of interest and a sensitive
 * one, each carrying a canary in every field. No canary reaches a viewer who may not see it — in a
 * body, a header, a zip entry, an error page — and a case one may not see answers exactly like a
 * case that does not exist. The service-layer matrix is {@code cases.AccessContractTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RouteMatrixContractTest {
  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  World w;
  Probe probe;

  @BeforeAll
  void makeTheWorld() {
    w = new World(context, port).build();
    probe = new Probe(w.run);
  }

  @Test
  void everyRouteIsReviewed() {
    RequestMappingHandlerMapping mapping =
        context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    Set<String> served = new TreeSet<>();
    for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
      Set<String> patterns = info.getPatternValues();
      var methods = info.getMethodsCondition().getMethods();
      for (String p : patterns) {
        if (methods.isEmpty()) {
          served.add("ANY " + p);
        }
        methods.forEach(m -> served.add(m.name() + " " + p));
      }
    }
    Set<String> unreviewed = new TreeSet<>(served);
    unreviewed.removeAll(Routes.TABLE.keySet());
    Set<String> gone = new TreeSet<>(Routes.TABLE.keySet());
    gone.removeAll(served);
    assertThat(unreviewed).as("routes the matrix does not classify (add them to Routes)").isEmpty();
    assertThat(gone).as("routes the matrix lists that the server no longer has").isEmpty();
  }

  @Test
  void noReadShowsACaseToAnyoneWhoMayNotSeeIt() {
    List<String> problems = new ArrayList<>();
    Map<String, String> missingShapes = new HashMap<>();
    int asked = 0;
    for (var e : Routes.TABLE.entrySet()) {
      Routes.Route r = e.getValue();
      if (!isRead(e.getKey(), r)) {
        continue;
      }
      for (String template : r.probes()) {
        for (Who v : w.everyone()) {
          if (!r.isCaseAddressed(template)) {
            Map<String, String> vals = values(w.anchor());
            Answer a = ask(v, r, template, vals);
            asked++;
            scan(problems, r, v, null, template, Probe.fill(template, vals), a);
            continue;
          }
          for (MatrixCase c : w.cases) {
            if (template.contains("{anchor}") && c.equals(w.anchor())) {
              continue;
            }
            Map<String, String> vals = values(c);
            Answer a = ask(v, r, template, vals);
            asked++;
            String path = Probe.fill(template, vals);
            scan(problems, r, v, c, template, path, a);
            if (r.kind() != Routes.Kind.ADMIN
                && Rules.allowed(r.kind(), v, c, template, c).isEmpty()) {
              Map<String, String> miss = Probe.missing(vals);
              String missPath = Probe.fill(template, miss);
              String missShape =
                  missingShapes.computeIfAbsent(
                      v.name() + " " + missPath,
                      k -> Probe.shape(ask(v, r, template, miss), miss, template));
              String shape = Probe.shape(a, vals, template);
              if (!shape.equals(missShape)) {
                problems.add(
                    v
                        + " GET "
                        + path
                        + " ("
                        + c
                        + ") answers unlike a missing case:\n  "
                        + PostMatrix.diff(shape, missShape));
              }
            }
          }
        }
      }
    }
    assertThat(asked).as("requests made").isGreaterThan(1000);
    assertThat(problems).as(problems.size() + " problems:\n" + join(problems)).isEmpty();
  }

  /**
   * The matrix cannot pass by seeing nothing: whoever may see a case gets its canaries where the
   * rule says they should.
   */
  @Test
  void whoMaySeeACaseSeesIt() {
    for (MatrixCase c : w.cases) {
      Answer page = w.named.browser().get("/cna/cases/" + c.ref());
      assertThat(page.status()).as(c.toString()).isEqualTo(200);
      assertThat(page.text()).contains(c.title(), c.canary("private"), c.canary("vote"));
      Answer file =
          w.named.browser().get("/cna/cases/" + c.ref() + "/attachments/" + c.attachmentId());
      assertThat(file.text()).isEqualTo(c.canary("attbytes"));
      assertThat(file.header("Content-Disposition")).contains(c.canary("attname"));
      assertThat(w.named.browser().get("/cna/cases/" + c.ref() + "/record?cve=" + c.cve()).text())
          .contains(c.canary("record"));
      assertThat(w.named.browser().get("/cna/cases?q=" + c.title()).text()).contains(c.ref());
      Answer external = w.anonymous.browser().get("/case/" + c.maintainerToken());
      assertThat(external.text())
          .contains(c.title(), c.canary("shared"))
          .doesNotContain(c.canary("private"));
      assertThat(w.anonymous.browser().get("/track/" + c.reporterToken()).text())
          .contains(c.dist());
      Answer other = w.otherCna.browser().get("/cna/cases/" + c.ref());
      assertThat(other.status()).as(c.toString()).isEqualTo(c.sensitive() ? 404 : 200);
      assertThat(other.text().contains(c.title())).isEqualTo(!c.sensitive());
    }
  }

  /** Every case page the matrix asks for opens for a member who sees the case: no probe is moot. */
  @Test
  void everyCaseProbeOpensForWhoMaySeeTheCase() {
    for (var e : Routes.TABLE.entrySet()) {
      if (e.getValue().kind() != Routes.Kind.CASE_READ) {
        continue;
      }
      for (String template : e.getValue().probes()) {
        if (template.contains("{anchor}")) {
          continue;
        }
        for (MatrixCase c : List.of(w.embargoed(), w.sensitiveCase())) {
          String path = Probe.fill(template, values(c));
          assertThat(w.named.browser().get(path).status()).as(path).isEqualTo(200);
        }
      }
    }
  }

  @Test
  void countsAreOverTheCasesTheViewerSees() {
    for (String page : List.of("/cna", "/cna/cases")) {
      Map<String, Integer> named = counts(w.named, page);
      Map<String, Integer> other = counts(w.otherCna, page);
      Map<String, Integer> cpansec = counts(w.cpansec, page);
      assertThat(named).as(page).hasSize(CaseState.values().length);
      String sensitiveState = w.sensitiveCase().state().label();
      for (CaseState s : CaseState.values()) {
        int expected = s.label().equals(sensitiveState) ? 1 : 0;
        assertThat(named.get(s.label()) - other.get(s.label()))
            .as(page + " " + s)
            .isEqualTo(expected);
        assertThat(cpansec.get(s.label())).as(page + " " + s).isEqualTo(other.get(s.label()));
      }
      for (Who nobody : w.members) {
        if (!nobody.workspaceMember()) {
          assertThat(counts(nobody, page).values()).as(nobody + " " + page).allMatch(n -> n == 0);
        }
      }
    }
  }

  @Test
  void refusedChangesChangeNothing() {
    List<String> problems =
        new PostMatrix(w, probe, context.getBean(javax.sql.DataSource.class)).refusals();
    assertThat(problems).as(problems.size() + " problems:\n" + join(problems)).isEmpty();
  }

  @Test
  void changesWithoutACsrfTokenAreRefused() {
    PostMatrix posts = new PostMatrix(w, probe, context.getBean(javax.sql.DataSource.class));
    posts.snapshotSeesAChange();
    List<String> problems = posts.withoutCsrf();
    assertThat(problems).as(problems.size() + " problems:\n" + join(problems)).isEmpty();
  }

  // ---- helpers ----

  private Map<String, String> values(MatrixCase c) {
    return Probe.values(c, w.anchor(), w.members.get(w.members.size() - 1).memberId());
  }

  private static boolean isRead(String key, Routes.Route r) {
    return key.startsWith("GET ")
        || key.startsWith("ANY ")
        || (r.kind() == Routes.Kind.PUBLIC_API && r.json() != null);
  }

  private static Answer ask(Who v, Routes.Route r, String template, Map<String, String> vals) {
    String path = Probe.fill(template, vals);
    if (r.json() != null) {
      return v.browser().postJson(path, Probe.fill(r.json(), vals), null);
    }
    return v.browser().get(path);
  }

  private void scan(
      List<String> problems,
      Routes.Route r,
      Who v,
      MatrixCase probed,
      String template,
      String path,
      Answer a) {
    String request = path + (r.json() == null ? "" : " " + r.json());
    Map<MatrixCase, Set<String>> byCase = new HashMap<>();
    for (Probe.Found f : probe.canaries(a, request)) {
      byCase.computeIfAbsent(w.cases.get(f.caseIndex()), k -> new TreeSet<>()).add(f.field());
    }
    byCase.forEach(
        (d, fields) -> {
          Set<String> leaked =
              Rules.leaked(fields, Rules.allowed(r.kind(), v, probed, template, d));
          if (!leaked.isEmpty()) {
            problems.add(
                v + " GET " + path + " received " + leaked + " of " + d + " (" + a.status() + ")");
          }
        });
  }

  /** The per-state counts a page shows the viewer ("triage: 3"), by state label. */
  private static Map<String, Integer> counts(Who v, String page) {
    Answer a = v.browser().get(page);
    Matcher list = Pattern.compile("(?s)<ul class=\"counts\"[^>]*>(.*?)</ul>").matcher(a.text());
    Map<String, Integer> counts = new HashMap<>();
    if (list.find()) {
      Matcher m = Pattern.compile(">([a-z ]+): (\\d+)<").matcher(list.group(1));
      while (m.find()) {
        counts.put(m.group(1), Integer.parseInt(m.group(2)));
      }
    }
    return counts;
  }

  static String join(List<String> problems) {
    return problems.stream().limit(60).collect(Collectors.joining("\n"));
  }
}
