package org.cpansec.server.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.cve.json.BuildOptions;
import org.cpansec.cve.json.CanonicalJson;
import org.cpansec.cve.json.CveJsonBuilder;
import org.cpansec.cve.json.Projection;
import org.cpansec.cve.record.CnaRecordReader;
import org.cpansec.cve.record.CveId;
import org.cpansec.cve.record.DistributionName;
import org.cpansec.cve.record.InvalidRecordException;
import org.cpansec.cve.record.ModuleName;
import org.cpansec.cve.record.RecordStub;
import org.cpansec.cve.text.Announcement;
import org.cpansec.server.account.Role;
import org.cpansec.server.audit.AuditVerifier;
import org.cpansec.server.cases.SignedMembers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The CVE record editor over real HTTP, on each database, as members signed in with password and
 * code: storage and history, drafts, the check endpoint against core on the group's own records,
 * strict mode, and who may see and save.
 */
abstract class RecordContractTest {
  /** The group's records (core's test vectors), each with the CVE JSON it published. */
  static final Path T_VAR = Path.of("../core/src/test/resources/datapack/cna/t-var");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationContext context;
  @Autowired AuditVerifier verifier;
  Workspace ws;
  SignedMembers members;
  RecordClient client;
  SignedMembers.Signed cna;

  @BeforeEach
  void setUp() {
    ws = new Workspace(jdbc);
    members = new SignedMembers(context, port);
    cna = members.cna("carla");
    client = as(cna);
  }

  /** A client signed in as this member. */
  RecordClient as(SignedMembers.Signed m) {
    return new RecordClient(port, true).withSession(members.signIn(m));
  }

  /** A page without its header (which names the signed-in member). */
  static String withoutHeader(String page) {
    return page.replaceAll("(?s)<header.*?</header>", "");
  }

  static String tvar(String cve) throws Exception {
    return Files.readString(T_VAR.resolve(cve + ".yaml"));
  }

  /** A case holding {@code cve}; returns its reference. */
  String caseHolding(String cve) {
    String ref = Workspace.reference();
    long id = ws.kase(ref, "Some issue", "Some-Dist", null, false);
    ws.hold(id, cve);
    return ref;
  }

  static String editor(String ref, String cve) {
    return "/cna/cases/" + ref + "/record?cve=" + cve;
  }

  /** Loads the editor, then checks {@code yaml} through the JSON endpoint. */
  JsonNode check(String ref, String cve, String yaml, boolean strict) {
    String csrf = RecordClient.csrf(client.get(editor(ref, cve)).body());
    HttpResponse<String> r = client.check(ref, cve, yaml, strict, csrf);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return RecordClient.json(r);
  }

  HttpResponse<String> submit(String ref, String cve, String yaml, String action, int base) {
    String csrf = RecordClient.csrf(client.get(editor(ref, cve)).body());
    Map<String, String> f = new LinkedHashMap<>();
    f.put("cve", cve);
    f.put("yaml", yaml);
    f.put("base", Integer.toString(base));
    f.put("action", action);
    return client.form("/cna/cases/" + ref + "/record", f, csrf);
  }

  static List<String> rules(JsonNode findings) {
    List<String> out = new ArrayList<>();
    findings.forEach(f -> out.add(f.path("rule").asText()));
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"CVE-2025-40906", "CVE-2025-40916", "CVE-2025-40933"})
  void checkOfTheGroupsRecordsPreviewsExactlyWhatCoreBuilds(String cve) throws Exception {
    String ref = caseHolding(cve);
    JsonNode result = check(ref, cve, tvar(cve), false);
    JsonNode built =
        new CveJsonBuilder(BuildOptions.defaults())
            .record(CnaRecordReader.read(T_VAR.resolve(cve + ".yaml")).record());
    assertThat(result.path("cveJson").asText()).isEqualTo(CanonicalJson.write(built));
    assertThat(result.path("announcement").asText()).isEqualTo(Announcement.render(built));
    assertThat(result.path("valid").asBoolean()).isEqualTo(result.path("errors").isEmpty());
    for (JsonNode e : result.path("errors")) {
      // Only lint findings of core can block a record that builds.
      assertThat(e.path("rule").asText()).isNotIn("yaml", "schema", "cve_json_schema");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"CVE-2025-40916", "CVE-2025-40933"})
  void thePreviewOfAPublishedRecordIsThePublishedJson(String cve) throws Exception {
    JsonNode result = check(caseHolding(cve), cve, tvar(cve), false);
    JsonNode published = CanonicalJson.read(Files.readString(T_VAR.resolve(cve + ".source.json")));
    // What the CNA YAML controls, compared as core's own test does (the published records carry
    // Vulnogram's HTML copies and generator, which the YAML does not author).
    JsonNode preview = CanonicalJson.read(result.path("cveJson").asText());
    assertThat(Projection.differences(Projection.of(published), Projection.of(preview))).isEmpty();
    assertThat(Projection.of(preview)).isEqualTo(Projection.of(published));
  }

  @Test
  void brokenYamlIsReportedAtItsLine() throws Exception {
    String cve = "CVE-2025-40916";
    String ref = caseHolding(cve);
    List<String> lines = new ArrayList<>(tvar(cve).lines().toList());
    int affected = lines.indexOf("    - \"1.05\"");
    assertThat(affected).isPositive();
    lines.set(affected, "    - \"1.05"); // the quote is never closed
    JsonNode result = check(ref, cve, String.join("\n", lines) + "\n", false);
    assertThat(result.path("valid").asBoolean()).isFalse();
    assertThat(result.path("errors")).hasSize(1);
    JsonNode e = result.path("errors").get(0);
    assertThat(e.path("rule").asText()).isEqualTo("yaml");
    assertThat(e.path("line").asInt()).isGreaterThanOrEqualTo(affected + 1);
    assertThat(result.has("cveJson")).isFalse();
    assertThat(result.has("announcement")).isFalse();
    // Core's own answer for the same text, line and column included.
    InvalidRecordException core = coreProblems(String.join("\n", lines) + "\n", cve);
    assertThat(e.path("line").asInt()).isEqualTo(core.problems().get(0).position().line());
    assertThat(e.path("column").asInt()).isEqualTo(core.problems().get(0).position().column());
  }

  @Test
  void schemaAndValueProblemsNameTheirLine() throws Exception {
    String cve = "CVE-2025-40916";
    String ref = caseHolding(cve);
    List<String> lines = new ArrayList<>(tvar(cve).lines().toList());
    int author = lines.indexOf("  author: GRYPHON");
    lines.set(author, "  author: gryphon");
    JsonNode result = check(ref, cve, String.join("\n", lines) + "\n", false);
    assertThat(rules(result.path("errors"))).containsExactly("schema");
    assertThat(result.path("errors").get(0).path("line").asInt()).isEqualTo(author + 1);
    assertThat(result.path("errors").get(0).path("message").asText()).startsWith("cpansec.author");

    // The group's placeholder vector: an affected range that is no version, at 7:7 (core's test).
    String placeholder = "CVE-1900-9998";
    String ref2 = caseHolding(placeholder);
    JsonNode stub = check(ref2, placeholder, tvar(placeholder), false);
    JsonNode first = stub.path("errors").get(0);
    assertThat(first.path("line").asInt()).isEqualTo(7);
    assertThat(first.path("column").asInt()).isEqualTo(7);
    assertThat(first.path("message").asText()).startsWith("cpansec.affected.0: '<= TODO'");
  }

  private static InvalidRecordException coreProblems(String text, String cve) {
    try {
      CnaRecordReader.read(cve + ".yaml", text);
    } catch (InvalidRecordException e) {
      return e;
    }
    throw new AssertionError("core accepted the text");
  }

  @Test
  void strictCountsWarningsAsErrors() throws Exception {
    String cve = "CVE-2025-40933";
    String ref = caseHolding(cve);
    JsonNode lenient = check(ref, cve, tvar(cve), false);
    List<String> warned = new ArrayList<>();
    lenient
        .path("warnings")
        .forEach(
            w -> {
              if (w.path("severity").asText().equals("warning")) {
                warned.add(w.path("rule").asText());
              }
            });
    assertThat(warned).as(lenient.toString()).isNotEmpty();
    assertThat(lenient.path("errors")).isEmpty();
    assertThat(lenient.path("valid").asBoolean()).isTrue();
    assertThat(lenient.path("summary").asText()).startsWith("Valid");

    JsonNode strict = check(ref, cve, tvar(cve), true);
    assertThat(strict.path("valid").asBoolean()).isFalse();
    assertThat(strict.path("strict").asBoolean()).isTrue();
    assertThat(rules(strict.path("errors"))).containsExactlyInAnyOrderElementsOf(warned);
    assertThat(strict.path("summary").asText()).startsWith("Invalid").contains("strict");
    // The previews do not depend on lint.
    assertThat(strict.path("cveJson").asText()).isEqualTo(lenient.path("cveJson").asText());

    // Without JavaScript: the same through the form's Check button.
    String csrf = RecordClient.csrf(client.get(editor(ref, cve)).body());
    Map<String, String> f = new LinkedHashMap<>();
    f.put("cve", cve);
    f.put("yaml", tvar(cve));
    f.put("strict", "true");
    f.put("action", "check");
    HttpResponse<String> page = client.form("/cna/cases/" + ref + "/record", f, csrf);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(strict.path("summary").asText());
    for (String rule : warned) {
      assertThat(page.body()).contains("<code class=\"rule\">" + rule + "</code>");
    }
    assertThat(page.body()).contains("&quot;cveId&quot; : &quot;CVE-2025-40933&quot;");
    assertThat(RecordClient.textarea(page.body())).isEqualTo(tvar(cve));
  }

  @Test
  void aRecordNamingAnotherCveIsAnError() throws Exception {
    String cve = Workspace.cve();
    String ref = caseHolding(cve);
    JsonNode result = check(ref, cve, tvar("CVE-2025-40916"), false);
    assertThat(rules(result.path("errors"))).contains("cve_mismatch");
    assertThat(result.path("valid").asBoolean()).isFalse();
  }

  @Test
  void aNewRecordStartsFromTheInitSkeletonPrefilledFromTheCase() {
    String ref = Workspace.reference();
    long id =
        ws.kase(
            ref,
            "HTTP::Tiny: TLS certificates are not verified by default.",
            "HTTP-Tiny",
            "< 0.083, 0.090",
            false);
    String cve = Workspace.cve();
    ws.hold(id, cve);
    HttpResponse<String> page = client.get("/cna/cases/" + ref + "/record");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    String text = RecordClient.textarea(page.body());
    String stub =
        RecordStub.yaml(
            CveId.of(cve), ModuleName.of("HTTP::Tiny"), DistributionName.of("HTTP-Tiny"));
    // The skeleton of `cpansec cve init`, with the title and affected lines from the case.
    List<String> got = text.lines().toList();
    List<String> skeleton = stub.lines().toList();
    List<String> changed = new ArrayList<>(got);
    changed.removeAll(skeleton);
    assertThat(changed)
        .containsExactly(
            "    - \"< 0.083\"",
            "    - \"0.090\"",
            "    HTTP::Tiny {{VERSION_RANGE}} for Perl TLS certificates are not verified by default");
    List<String> dropped = new ArrayList<>(skeleton);
    dropped.removeAll(got);
    assertThat(dropped)
        .containsExactly(
            "    - \"TODO\"", "    HTTP::Tiny {{VERSION_RANGE}} for Perl TODO what is wrong");
    assertThat(text).contains("cve: " + cve, "distribution: HTTP-Tiny", "module: HTTP::Tiny");
    // Checked on arrival: the skeleton's placeholders are what lint reports.
    assertThat(page.body()).contains("placeholder");
    assertThat(page.body()).contains("New record: not saved yet");
  }

  @Test
  void anInvalidRecordIsSavedAsADraftWithItsMessages() throws Exception {
    String cve = "CVE-2025-40916";
    String ref = caseHolding(cve);
    String broken = tvar(cve).replace("  author: GRYPHON\n", "  author: gryphon\n  module: X\n");
    HttpResponse<String> saved = submit(ref, cve, broken.replace("\n", "\r\n"), "save", 0);
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.body()).contains("Saved as version 1, marked invalid");
    assertThat(RecordClient.textarea(saved.body())).isEqualTo(broken);
    long caseId = caseId(ref);
    assertThat(
            jdbc.sql(
                    "SELECT v.yaml FROM case_record_version v JOIN case_record r ON r.id ="
                        + " v.record_id WHERE r.case_id = ? AND v.version = 1 AND NOT v.valid")
                .param(caseId)
                .query(String.class)
                .single())
        .isEqualTo(broken);
    List<String> stored =
        jdbc.sql(
                "SELECT f.severity || ' ' || f.rule || ' ' || f.line_no || ':' || f.column_no"
                    + " FROM case_record_finding f JOIN case_record r ON r.id = f.record_id"
                    + " WHERE r.case_id = ? ORDER BY f.seq")
            .param(caseId)
            .query(String.class)
            .list();
    InvalidRecordException core = coreProblems(broken, cve);
    List<String> expected =
        core.problems().stream()
            .map(
                p ->
                    "error "
                        + (p.message().startsWith("YAML syntax") ? "yaml" : "schema")
                        + " "
                        + p.position())
            .toList();
    assertThat(stored).isEqualTo(expected);
    // The history shows it as an invalid draft.
    HttpResponse<String> history = client.get("/cna/cases/" + ref + "/record/history?cve=" + cve);
    assertThat(history.body()).contains("invalid draft: " + expected.size() + " error(s)");
  }

  @Test
  void everySaveIsAVersionAndAnyVersionDiffsAgainstTheCurrent() throws Exception {
    String cve = Workspace.cve();
    String ref = caseHolding(cve);
    String v1 = RecordClient.textarea(client.get(editor(ref, cve)).body());
    assertThat(submit(ref, cve, v1, "save", 0).body()).contains("Saved as version 1");
    String v2 = v1.replace("author: AUTHOR", "author: GRYPHON");
    assertThat(submit(ref, cve, v2, "save", 1).body()).contains("Saved as version 2");
    // Nothing changed: no new version.
    assertThat(submit(ref, cve, v2, "save", 2).body()).contains("Nothing changed since version 2");
    RecordClient carla = client;
    RecordClient oscar = as(members.cna("oscar"));
    client = oscar;
    String v3 = v2 + "\n  # a comment from Oscar\n";
    assertThat(submit(ref, cve, v3, "save", 2).body()).contains("Saved as version 3");
    client = carla;

    HttpResponse<String> history = client.get("/cna/cases/" + ref + "/record/history?cve=" + cve);
    assertThat(history.statusCode()).isEqualTo(200);
    Matcher rows = Pattern.compile("<tr id=\"version-(\\d+)\">").matcher(history.body());
    List<String> order = new ArrayList<>();
    while (rows.find()) {
      order.add(rows.group(1));
    }
    assertThat(order).containsExactly("3", "2", "1");
    assertThat(history.body()).contains("Test oscar", "Test carla");

    HttpResponse<String> diff = client.get("/cna/cases/" + ref + "/record/versions/1?cve=" + cve);
    assertThat(diff.statusCode()).isEqualTo(200);
    String body = diff.body();
    assertThat(row(body, "del")).containsExactly("  author: AUTHOR");
    assertThat(row(body, "add"))
        .containsExactly("  author: GRYPHON", "", "  # a comment from Oscar");
    assertThat(body).contains("@@ -");
    assertThat(RecordClient.textarea(client.get(editor(ref, cve) + "&from=1").body()))
        .isEqualTo(v1);
    assertThat(client.get("/cna/cases/" + ref + "/record/versions/3?cve=" + cve).body())
        .contains("None: this is the current text.");
    assertThat(client.get("/cna/cases/" + ref + "/record/versions/9?cve=" + cve).statusCode())
        .isEqualTo(404);

    // Two editors: Carla started from version 3, Oscar saves 4 meanwhile, Carla's save is 5.
    client = oscar;
    submit(ref, cve, v3 + "  # four\n", "save", 3);
    client = carla;
    HttpResponse<String> late = submit(ref, cve, v3 + "  # five\n", "save", 3);
    assertThat(late.body()).contains("Saved as version 5", "Someone else saved version");
    assertThat(late.body()).contains("/record/versions/4?cve=" + cve);
  }

  /** The text of the diff rows of a kind ({@code add}, {@code del}), in order. */
  private static List<String> row(String page, String kind) {
    Matcher m =
        Pattern.compile(
                "<tr class=\"" + kind + "\">.*?<td class=\"text\"><code>(.*?)</code></td>",
                Pattern.DOTALL)
            .matcher(page);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(1)));
    }
    return out;
  }

  private long caseId(String ref) {
    return jdbc.sql("SELECT id FROM cna_case WHERE reference = ?")
        .param(ref)
        .query(Long.class)
        .single();
  }

  @Test
  void onlyMembersWhoMaySeeTheCaseSeeItAndOnlyCnaMembersSave() throws Exception {
    String cve = Workspace.cve();
    String ref = caseHolding(cve);
    String missing = "/cna/cases/CPANSEC-2999-99999/record";
    String absent = client.get(missing).body();
    assertThat(client.get(missing).statusCode()).isEqualTo(404);

    // An admin who is no CPANSec or CNA member: exactly as if there were no such case.
    HttpResponse<String> admin =
        as(members.create("admin", true, Role.ADMIN)).get(editor(ref, cve));
    assertThat(admin.statusCode()).isEqualTo(404);
    assertThat(withoutHeader(admin.body())).isEqualTo(withoutHeader(absent));
    assertThat(admin.body()).doesNotContain(cve, ref);
    // A member who has not signed the agreement: only the notice to sign it.
    HttpResponse<String> unsigned =
        as(members.create("unsigned", false, Role.CNA_MEMBER, Role.CPANSEC_MEMBER))
            .get(editor(ref, cve));
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(unsigned.body()).contains("not signed").doesNotContain(cve, ref);
    // Nobody signed in: the sign-in page.
    HttpResponse<String> anonymous = new RecordClient(port, false).get(editor(ref, cve));
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    assertThat(anonymous.body()).doesNotContain(cve, ref);

    // A CPANSec member reads and checks, but does not save.
    client = as(members.create("rita", true, Role.CPANSEC_MEMBER));
    HttpResponse<String> page = client.get(editor(ref, cve));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("id=\"save-button\"");
    assertThat(check(ref, cve, tvar("CVE-2025-40916"), false).path("errors")).isNotEmpty();
    HttpResponse<String> refused = submit(ref, cve, "cpansec: {}\n", "save", 0);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("Only CNA members save records");
    assertThat(RecordClient.textarea(refused.body())).isEqualTo("cpansec: {}\n");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM case_record WHERE case_id = ?")
                .param(caseId(ref))
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void aSensitiveCaseIsSeenOnlyByTheCnaMembersNamedOnIt() {
    String ref = Workspace.reference();
    long id = ws.kase(ref, "Sensitive", "Some-Dist", null, true);
    String cve = Workspace.cve();
    ws.hold(id, cve);
    String absent = client.get("/cna/cases/CPANSEC-2999-99999/record").body();
    String absentJson = null;
    SignedMembers.Signed named = members.cna("named");
    SignedMembers.Signed namedReader = members.create("namedreader", true, Role.CPANSEC_MEMBER);
    ws.name(id, named.id());
    ws.name(id, namedReader.id());
    for (SignedMembers.Signed m : List.of(cna, namedReader)) {
      RecordClient c = as(m);
      // A token of this session from a page everyone sees: the refusal must come from the rule.
      String csrf = RecordClient.csrf(c.get("/report/vulnerability").body());
      HttpResponse<String> r = c.get(editor(ref, cve));
      assertThat(r.statusCode()).as(m.username()).isEqualTo(404);
      assertThat(withoutHeader(r.body())).isEqualTo(withoutHeader(absent));
      HttpResponse<String> json = c.check(ref, cve, "cpansec: {}", false, csrf);
      assertThat(json.statusCode()).isEqualTo(404);
      String none = c.check("CPANSEC-2999-99999", cve, "cpansec: {}", false, csrf).body();
      assertThat(json.body()).isEqualTo(none).doesNotContain(ref);
      absentJson = none;
    }
    assertThat(absentJson).isNotNull();
    assertThat(as(named).get(editor(ref, cve)).statusCode()).isEqualTo(200);
  }

  @Test
  void theCheckEndpointRefusesWhatItCannotCheckAndSaysWhy() {
    String cve = Workspace.cve();
    String ref = caseHolding(cve);
    String csrf = RecordClient.csrf(client.get(editor(ref, cve)).body());
    assertThat(client.check(ref, cve, "cpansec: {}", false, null).statusCode()).isEqualTo(403);
    HttpResponse<String> bad = client.checkRaw(ref, "{not json", csrf);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(RecordClient.json(bad).path("error").asText()).contains("expected JSON");
    HttpResponse<String> noYaml = client.checkRaw(ref, "{\"cve\":\"" + cve + "\"}", csrf);
    assertThat(noYaml.statusCode()).isEqualTo(400);
    assertThat(RecordClient.json(noYaml).path("error").asText()).contains("\"yaml\"");
    HttpResponse<String> huge = client.check(ref, cve, "#".repeat(100_001), false, csrf);
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(RecordClient.json(huge).path("error").asText()).contains("at most 100000");
    HttpResponse<String> other = client.check(ref, "CVE-2020-0001", "cpansec: {}", false, csrf);
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(RecordClient.json(other).path("error").asText())
        .isEqualTo("This case holds no CVE ID CVE-2020-0001.");
    HttpResponse<String> noCase =
        client.check("CPANSEC-2999-99999", cve, "cpansec: {}", false, csrf);
    assertThat(noCase.statusCode()).isEqualTo(404);
    // Nobody signed in (with a token of its own session): sent to sign in, told nothing.
    RecordClient anonymous = new RecordClient(port, false);
    String anonymousCsrf = RecordClient.csrf(anonymous.get("/report/vulnerability").body());
    HttpResponse<String> refused = anonymous.check(ref, cve, "cpansec: {}", false, anonymousCsrf);
    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    assertThat(refused.body()).doesNotContain(cve, ref);
  }

  @Test
  void casesWithSeveralOrNoCveIdsLetTheMemberChoose() {
    String ref = Workspace.reference();
    long id = ws.kase(ref, "Two IDs", "Some-Dist", null, false);
    HttpResponse<String> none = client.get("/cna/cases/" + ref + "/record");
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(none.body()).contains("id=\"no-cve\"");
    String a = Workspace.cve();
    String b = Workspace.cve();
    ws.hold(id, b);
    ws.hold(id, a);
    HttpResponse<String> choose = client.get("/cna/cases/" + ref + "/record");
    assertThat(choose.body()).contains("id=\"cve-list\"");
    assertThat(choose.body().indexOf(a)).isLessThan(choose.body().indexOf(b)).isPositive();
    assertThat(client.get(editor(ref, b)).body()).contains("cve: " + b);
    HttpResponse<String> unknown = client.get(editor(ref, "CVE-2020-0001"));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("This case holds no CVE ID", "CVE-2020-0001");
  }

  @Test
  void markupInARecordIsShownAsText() throws Exception {
    String cve = "CVE-2025-40916";
    String ref = caseHolding(cve);
    String evil =
        tvar(cve)
            .replace(
                "for generating the captcha text",
                "for generating </textarea><script>alert(1)</script> text");
    HttpResponse<String> page = submit(ref, cve, evil, "check", 0);
    assertThat(page.body()).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)");
    assertThat(RecordClient.textarea(page.body())).isEqualTo(evil);
  }

  @Test
  void readsAndSavesAreAppendedToTheAuditChain() throws Exception {
    String cve = Workspace.cve();
    String ref = caseHolding(cve);
    long caseId = caseId(ref);
    String text = RecordClient.textarea(client.get(editor(ref, cve)).body());
    submit(ref, cve, text, "save", 0);
    List<String> actions =
        jdbc.sql("SELECT action FROM audit_log WHERE case_id = ? ORDER BY id")
            .param(caseId)
            .query(String.class)
            .list();
    assertThat(actions).containsSubsequence("record.view", "record.save", "record.view");
    // Every entry is the signed-in member's, and the chain holds: the audit package's verifier
    // recomputes every row's hash from the row before it.
    assertThat(
            jdbc.sql(
                    "SELECT DISTINCT actor FROM audit_log WHERE case_id = ? AND action LIKE 'record.%'")
                .param(caseId)
                .query(String.class)
                .list())
        .containsExactly("member:" + cna.id());
    AuditVerifier.Result chain = verifier.verify();
    assertThat(chain.intact()).as(chain.summary()).isTrue();
  }
}
