package org.cpansec.server.comms;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.MemberStore;
import org.cpansec.server.account.MutableClock;
import org.cpansec.server.account.Role;
import org.cpansec.server.account.TestMembers;
import org.cpansec.server.account.WorkspaceClient;
import org.cpansec.server.account.WorkspaceProperties;
import org.cpansec.server.cases.CaseLabel;
import org.cpansec.server.cases.CaseState;
import org.cpansec.server.cases.Cases;
import org.cpansec.server.cases.NewCase;
import org.cpansec.server.cases.TransitionReason;
import org.cpansec.server.cases.Viewer;
import org.cpansec.server.clocks.ClockRules;
import org.cpansec.server.cveid.CveIdPool;
import org.cpansec.server.cveid.CveIdState;
import org.cpansec.server.mail.RecipientKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Maintainer contact, extensions, "already public", assignment and the dashboard, over HTTP with
 * real sign-in (password and TOTP) and a real SMTP server (GreenMail): what arrives, to whom, how
 * often, and what each page shows to whom. Run once per database.
 */
abstract class CommsContractTest {
  private static final int SMTP_PORT = freePort();
  private static final String TEAM = "team@cpansec.test";
  private static final String SITE = "https://cpansec.test";
  private static final Pattern LINK =
      Pattern.compile(Pattern.quote(SITE) + "(/case/[A-Za-z0-9_-]+)");

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry r) {
    r.add("spring.mail.host", () -> "127.0.0.1");
    r.add("spring.mail.port", () -> SMTP_PORT);
    r.add("cpansec.mail.from", () -> "noreply@cpansec.test");
    r.add("cpansec.mail.team-address", () -> TEAM);
    r.add("cpansec.mail.poll-interval", () -> "PT1H");
    r.add("cpansec.site.base-url", () -> SITE);
    r.add("cpansec.advisories.import-bundled", () -> "false");
    r.add("cpansec.clocks.reminders.enabled", () -> "false");
  }

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;
  @Autowired MutableClock clock;
  @Autowired Cases cases;
  @Autowired CveIdPool pool;
  @Autowired ClockRules rules;
  @Autowired RecipientKeys keys;
  @Autowired MemberStore memberStore;
  @Autowired WorkspaceProperties workspace;

  TestMembers members;
  GreenMail smtp;
  TestMembers.TestMember alice;
  TestMembers.TestMember bob;

  @BeforeEach
  void start() {
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    members = new TestMembers(context);
    alice = members.create("alice", Set.of(Role.CNA_MEMBER), true);
    bob = members.create("bob", Set.of(Role.CNA_MEMBER), true);
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  // ------------------------------------------------------------------ contact

  @Test
  void contactingTheMaintainerMailsOnceSharesTheCveAndStartsTheClock() throws Exception {
    Member a = member(alice);
    String dist = "Comms-Dist-" + unique();
    String ref = reservedCase(a, dist, false);
    long id = caseId(ref);
    String cve = onlyCve(id);
    cases.addLabel(ref, CaseLabel.CONTACT_MAINTAINERS, Viewer.of(a));
    record(
        id, cve, a, "cpansec:\n  cve: " + cve + "\n  distribution: " + dist + "\n  author: JDOE\n");
    WorkspaceClient w = client(alice);

    // The case page offers the contact; the form is prefilled from the record's author.
    HttpResponse<String> casePage = w.get("/cna/cases/" + ref);
    assertThat(casePage.body()).contains("id=\"contact-maintainer\"", "Contact the maintainer");
    HttpResponse<String> form = w.get("/cna/cases/" + ref + "/contact");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body())
        .contains("value=\"JDOE\"", "value=\"jdoe@cpan.org\"", "value=\"" + dist + "\"")
        .contains("id=\"contact-preview\"")
        .doesNotContain("id=\"contact-send\"");

    // Preview: the mail as it will go, nothing sent yet.
    String maintainer = "maint-" + unique() + "@example.org";
    LocalDate planned = rules.today(clock).plusDays(14);
    Map<String, String> fields =
        contactForm("Jane <b>Maintainer</b>", maintainer, dist, "The parser runs `rm` <now>.");
    HttpResponse<String> preview =
        w.post("/cna/cases/" + ref + "/contact", with(fields, "action", "preview"));
    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.body())
        .contains("id=\"contact-send\"")
        .contains(cve + ": security issue in " + dist)
        .contains("published no sooner than " + planned + ", unless disclosed earlier")
        .contains("Hello Jane &lt;b&gt;Maintainer&lt;/b&gt;")
        .contains("The parser runs `rm` &lt;now&gt;.")
        .contains(maintainer, TEAM, "plain text: no recipient has an OpenPGP key")
        .doesNotContain("<b>Maintainer</b>");
    assertThat(outboxRows(id)).isZero();

    // Send, then send again (a double click, a reload): one mail, one link.
    HttpResponse<String> sent =
        w.post("/cna/cases/" + ref + "/contact", with(fields, "action", "send"));
    assertThat(sent.statusCode()).isEqualTo(302);
    assertThat(w.follow(sent).body())
        .contains("Mail to " + maintainer + " queued")
        .contains(cve + " is now shared")
        .contains("Planned disclosure: " + planned);
    HttpResponse<String> again =
        w.post("/cna/cases/" + ref + "/contact", with(fields, "action", "send"));
    assertThat(again.statusCode()).isEqualTo(302);
    assertThat(w.follow(again).body()).contains("was already written to", "nothing was sent again");

    List<MimeMessage> got = awaitInbox(maintainer, 1);
    MimeMessage m = got.get(0);
    assertThat(m.getSubject()).isEqualTo(cve + ": security issue in " + dist);
    assertThat(addresses(m, Message.RecipientType.TO)).containsExactly(maintainer);
    assertThat(addresses(m, Message.RecipientType.CC)).containsExactly(TEAM);
    String body = GreenMailUtil.getBody(m).replace("=\r\n", "").replace("\r\n", "\n");
    assertThat(body)
        .contains("published no sooner than " + planned + ", unless disclosed earlier")
        .contains("The parser runs `rm` <now>.", "Hello Jane <b>Maintainer</b>");
    assertThat(teamCopies(m.getSubject())).isEqualTo(1);
    assertThat(outboxRows(id)).isEqualTo(1);
    assertThat(
            count("SELECT COUNT(*) FROM case_grant WHERE case_id = ? AND party = 'MAINTAINER'", id))
        .isEqualTo(1);

    // The case moved on, the clock started, the label is gone, the ID is shared.
    Map<String, Object> row =
        jdbc.sql(
                "SELECT state, planned_disclosure, maintainer_contacted_at FROM cna_case WHERE id = ?")
            .param(id)
            .query()
            .singleRow();
    assertThat(row.get("state")).isEqualTo("MAINTAINER_CONTACTED");
    assertThat(date(row.get("planned_disclosure"))).isEqualTo(planned);
    assertThat(row.get("maintainer_contacted_at")).isNotNull();
    assertThat(
            count(
                "SELECT COUNT(*) FROM case_label WHERE case_id = ? AND label = 'CONTACT_MAINTAINERS'",
                id))
        .isZero();
    assertThat(pool.find(cve).orElseThrow().state()).isEqualTo(CveIdState.SHARED);
    assertThat(auditActions(id)).contains("comms.contact", "case.state", "case.grant.create");

    // The link in the mail opens the maintainer's view of the case.
    Matcher link = LINK.matcher(body);
    assertThat(link.find()).isTrue();
    HttpResponse<String> external = new WorkspaceClient(port, clock).get(link.group(1));
    assertThat(external.statusCode()).isEqualTo(200);
    assertThat(external.body()).contains(ref, dist, "maintainer contacted", planned.toString());

    // The case page lists the mail; the ID never goes back to the pool.
    assertThat(w.get("/cna/cases/" + ref).body())
        .contains("id=\"case-mail-list\"", cve + ": security issue in " + dist, "Cc " + TEAM);
    CveIdPool.Released released = pool.release(id, cve, a, "test: released after sharing");
    assertThat(released.newState()).isEqualTo(CveIdState.REJECTED);
    assertThat(pool.find(cve).orElseThrow().state()).isEqualTo(CveIdState.REJECTED);
    assertThat(pool.find(cve).orElseThrow().caseId()).isEqualTo(id);
  }

  @Test
  void twoMembersSendingTheSameContactAtOnceSendOneMail() throws Exception {
    Member a = member(alice);
    String dist = "Race-" + unique();
    String ref = reservedCase(a, dist, false);
    long id = caseId(ref);
    String maintainer = "race-" + unique() + "@example.org";
    Map<String, String> send =
        with(contactForm("Ray", maintainer, dist, "Race flaw."), "action", "send");
    WorkspaceClient first = client(alice);
    WorkspaceClient second = client(bob);
    first.get("/cna/cases/" + ref + "/contact");
    second.get("/cna/cases/" + ref + "/contact");
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool2 = Executors.newFixedThreadPool(2);
    try {
      Future<HttpResponse<String>> one =
          pool2.submit(
              () -> awaitThen(go, () -> first.post("/cna/cases/" + ref + "/contact", send)));
      Future<HttpResponse<String>> two =
          pool2.submit(
              () -> awaitThen(go, () -> second.post("/cna/cases/" + ref + "/contact", send)));
      go.countDown();
      HttpResponse<String> r1 = one.get(60, TimeUnit.SECONDS);
      HttpResponse<String> r2 = two.get(60, TimeUnit.SECONDS);
      assertThat(r1.statusCode()).isEqualTo(302);
      assertThat(r2.statusCode()).isEqualTo(302);
      List<String> notices = List.of(first.follow(r1).body(), second.follow(r2).body());
      assertThat(notices)
          .filteredOn(b -> b.contains("Mail to " + maintainer + " queued"))
          .hasSize(1);
      assertThat(notices).filteredOn(b -> b.contains("nothing was sent again")).hasSize(1);
    } finally {
      pool2.shutdownNow();
    }
    assertThat(awaitInbox(maintainer, 1)).hasSize(1);
    assertThat(outboxRows(id)).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM case_grant WHERE case_id = ?", id)).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM maintainer_contact WHERE case_id = ?", id)).isEqualTo(1);
    assertThat(state(id)).isEqualTo("MAINTAINER_CONTACTED");
  }

  @Test
  void aSensitiveCasesMailIsEncryptedOrNotSentAtAll() throws Exception {
    Member a = member(alice);
    String dist = "Secret-Dist-" + unique();
    String ref = reservedCase(a, dist, true);
    long id = caseId(ref);
    String cve = onlyCve(id);
    String maintainer = "sens-" + unique() + "@example.org";
    CommsKeys.Key maintainerKey = CommsKeys.forAddress(maintainer);
    CommsKeys.Key teamKey = CommsKeys.forAddress(TEAM);
    WorkspaceClient w = client(alice);
    Map<String, String> fields = contactForm("Sam", maintainer, dist, "Secret flaw details.");

    // No keys: refused, and nothing of the contact is kept.
    HttpResponse<String> refused =
        w.post("/cna/cases/" + ref + "/contact", with(fields, "action", "send"));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("The mail was not sent", maintainer, TEAM);
    assertThat(count("SELECT COUNT(*) FROM case_grant WHERE case_id = ?", id)).isZero();
    assertThat(outboxRows(id)).isZero();
    assertThat(state(id)).isEqualTo("RESERVED");
    assertThat(pool.find(cve).orElseThrow().state()).isEqualTo(CveIdState.ASSIGNED);
    assertThat(auditActions(id)).contains("comms.contact.refused").doesNotContain("comms.contact");

    // The maintainer's key pasted, the team's added by an admin: sent, encrypted.
    keys.add(TEAM, teamKey.publicKey(), null);
    try {
      HttpResponse<String> preview =
          w.post(
              "/cna/cases/" + ref + "/contact",
              with(with(fields, "action", "preview"), "publicKey", maintainerKey.publicKey()));
      assertThat(preview.body())
          .contains("sensitive case: encrypted (PGP/MIME) to every recipient");
      HttpResponse<String> sent =
          w.post(
              "/cna/cases/" + ref + "/contact",
              with(with(fields, "action", "send"), "publicKey", maintainerKey.publicKey()));
      assertThat(sent.statusCode()).isEqualTo(302);
      assertThat(w.follow(sent).body()).contains("sensitive case: encrypted (PGP/MIME)");
      MimeMessage m = awaitInbox(maintainer, 1).get(0);
      assertThat(m.getContentType()).startsWith("multipart/encrypted");
      assertThat(m.getSubject()).isEqualTo(cve + ": security issue in " + dist);
      assertThat(new String(raw(m), StandardCharsets.UTF_8)).doesNotContain("Secret flaw details");
      String clear = String.valueOf(maintainerKey.decryptor().decrypt(m).getContent());
      assertThat(clear).contains("Secret flaw details.", "published no sooner than");
      assertThat(state(id)).isEqualTo("MAINTAINER_CONTACTED");
      Matcher link = LINK.matcher(clear);
      assertThat(link.find()).isTrue();

      // Without the team's key, the extension mail is refused; the page says why.
      keys.remove(TEAM);
      WorkspaceClient maint = new WorkspaceClient(port, clock);
      maint.get(link.group(1));
      LocalDate later = plannedOf(id).plusDays(10);
      HttpResponse<String> asked =
          maint.post(
              link.group(1) + "/extension",
              Map.of("date", later.toString(), "reason", "Release needs testing."));
      assertThat(asked.statusCode()).isEqualTo(302);
      long request = latestRequest(id);
      HttpResponse<String> granted =
          w.post(
              "/cna/cases/" + ref + "/extension-requests/" + request,
              Map.of("decision", "grant", "reason", "A fix is close."));
      assertThat(granted.statusCode()).isEqualTo(302);
      assertThat(w.follow(granted).body())
          .contains("Extension granted", "The mail to the maintainer was NOT sent", TEAM);
      assertThat(plannedOf(id)).isEqualTo(later);
      assertThat(w.get("/cna/cases/" + ref).body())
          .contains("extension granted", "refused")
          .contains("class=\"mail-problem\"");
    } finally {
      keys.remove(TEAM);
    }
  }

  @Test
  void theContactIsRefusedWithTheReasonWhenItCannotBeSent() {
    Member a = member(alice);
    String dist = "Early-" + unique();
    String ref = cases.create(new NewCase("Early case", dist, "1.0", false), Viewer.of(a));
    cases.transition(ref, CaseState.TRIAGE, TransitionReason.note(null), Viewer.of(a));
    WorkspaceClient w = client(alice);

    HttpResponse<String> page = w.get("/cna/cases/" + ref + "/contact");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("id=\"contact-refusal\"", "once the case is RESERVED")
        .doesNotContain("id=\"contact-form\"");
    HttpResponse<String> early =
        w.post(
            "/cna/cases/" + ref + "/contact",
            with(contactForm("Jo", "jo@example.org", dist, "x"), "action", "send"));
    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(early.body()).contains("once the case is RESERVED");

    // Bad input on a case that may be contacted: what was expected, nothing kept.
    String ready = reservedCase(a, dist, false);
    Map<String, String> bad = contactForm("Jo", "not an address", dist, "x");
    HttpResponse<String> badAddress =
        w.post("/cna/cases/" + ready + "/contact", with(bad, "action", "send"));
    assertThat(badAddress.statusCode()).isEqualTo(422);
    assertThat(badAddress.body()).contains("one plain address like name@example.org");
    Map<String, String> noIssue = contactForm("Jo", "jo@example.org", dist, " ");
    HttpResponse<String> missing =
        w.post("/cna/cases/" + ready + "/contact", with(noIssue, "action", "preview"));
    assertThat(missing.statusCode()).isEqualTo(422);
    assertThat(missing.body()).contains("Enter the issue.");
    HttpResponse<String> badKey =
        w.post(
            "/cna/cases/" + ready + "/contact",
            with(
                with(contactForm("Jo", "jo@example.org", dist, "x"), "action", "send"),
                "publicKey",
                "not a key"));
    assertThat(badKey.statusCode()).isEqualTo(422);
    assertThat(badKey.body()).contains("The OpenPGP key was refused");
    assertThat(count("SELECT COUNT(*) FROM case_grant WHERE case_id = ?", caseId(ready))).isZero();
    assertThat(state(caseId(ready))).isEqualTo("RESERVED");
  }

  @Test
  void onlyCnaMembersWhoSeeTheCaseContactAMaintainer() {
    Member a = member(alice);
    String dist = "Guarded-" + unique();
    String ref = reservedCase(a, dist, false);
    String sensitive = reservedCase(a, dist, true);
    Map<String, String> send =
        with(contactForm("Jo", "jo-" + unique() + "@example.org", dist, "x"), "action", "send");

    TestMembers.TestMember reader = members.create("reader", Set.of(Role.CPANSEC_MEMBER), true);
    WorkspaceClient r = client(reader);
    HttpResponse<String> page = r.get("/cna/cases/" + ref + "/contact");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Only CNA members contact maintainers.");
    HttpResponse<String> post = r.post("/cna/cases/" + ref + "/contact", send);
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(post.body()).contains("Only CNA members contact maintainers.");

    // A sensitive case bob is not named on answers exactly like a case that does not exist.
    WorkspaceClient b = client(bob);
    HttpResponse<String> hidden = b.get("/cna/cases/" + sensitive + "/contact");
    HttpResponse<String> missing = b.get("/cna/cases/CPANSEC-1999-9999/contact");
    assertThat(hidden.statusCode()).isEqualTo(404);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(hidden.body()).isEqualTo(missing.body()).doesNotContain(dist);
    assertThat(b.post("/cna/cases/" + sensitive + "/contact", send).statusCode()).isEqualTo(404);

    // Not signed in: to the sign-in page; no CSRF token: refused.
    WorkspaceClient anonymous = new WorkspaceClient(port, clock);
    HttpResponse<String> away = anonymous.getNoRedirect("/cna/cases/" + ref + "/contact");
    assertThat(away.statusCode()).isEqualTo(302);
    assertThat(away.headers().firstValue("Location").orElse("")).endsWith("/login");
    WorkspaceClient member = client(alice);
    assertThat(member.postWithToken("/cna/cases/" + ref + "/contact", send, null).statusCode())
        .isEqualTo(403);
    assertThat(count("SELECT COUNT(*) FROM case_grant WHERE case_id = ?", caseId(ref))).isZero();
  }

  // ------------------------------------------------------------------ extensions

  @Test
  void aMaintainersExtensionRequestIsGrantedMovesTheDateAndMailsThemOnce() throws Exception {
    Member a = member(alice);
    String dist = "Ext-Dist-" + unique();
    String ref = reservedCase(a, dist, false);
    long id = caseId(ref);
    String cve = onlyCve(id);
    String maintainer = "ext-" + unique() + "@example.org";
    WorkspaceClient w = client(alice);
    HttpResponse<String> sent =
        w.post(
            "/cna/cases/" + ref + "/contact",
            with(contactForm("Eve", maintainer, dist, "Flaw."), "action", "send"));
    assertThat(sent.statusCode()).isEqualTo(302);
    w.follow(sent);
    String path = linkIn(awaitInbox(maintainer, 1).get(0));
    LocalDate planned = plannedOf(id);

    // The maintainer asks through their link; wrong dates and a second request are refused.
    WorkspaceClient maint = new WorkspaceClient(port, clock);
    assertThat(maint.get(path).body()).contains("id=\"extension-request\"");
    HttpResponse<String> early =
        maint.post(path + "/extension", Map.of("date", planned.toString(), "reason", "More time"));
    assertThat(early.statusCode()).isEqualTo(422);
    assertThat(early.body()).contains("Ask for a date later than the planned date " + planned);
    HttpResponse<String> garbage =
        maint.post(path + "/extension", Map.of("date", "next week", "reason", "More time"));
    assertThat(garbage.statusCode()).isEqualTo(422);
    assertThat(garbage.body()).contains("as a date like 2026-12-31");
    LocalDate wanted = planned.plusDays(14);
    HttpResponse<String> asked =
        maint.post(
            path + "/extension",
            Map.of("date", wanted.toString(), "reason", "We need <time> to test on old perls."));
    assertThat(asked.statusCode()).isEqualTo(302);
    assertThat(maint.follow(asked).body())
        .contains("Your request for " + wanted + " is recorded", "waiting for a decision")
        .doesNotContain("id=\"extension-request\"");
    HttpResponse<String> twice =
        maint.post(path + "/extension", Map.of("date", wanted.toString(), "reason", "again"));
    assertThat(twice.statusCode()).isEqualTo(409);

    // Members see it on the case page and grant it with a reason.
    long request = latestRequest(id);
    HttpResponse<String> casePage = w.get("/cna/cases/" + ref);
    assertThat(casePage.body())
        .contains(
            "id=\"extension-grant-" + request + "\"", "id=\"extension-refuse-" + request + "\"")
        .contains("We need &lt;time&gt; to test on old perls.");
    HttpResponse<String> noReason =
        w.post(
            "/cna/cases/" + ref + "/extension-requests/" + request,
            Map.of("decision", "grant", "reason", ""));
    assertThat(noReason.statusCode()).isEqualTo(422);
    assertThat(noReason.body()).contains("Enter the reason for the decision.");
    HttpResponse<String> granted =
        w.post(
            "/cna/cases/" + ref + "/extension-requests/" + request,
            Map.of("decision", "grant", "reason", "Old perls matter."));
    assertThat(granted.statusCode()).isEqualTo(302);
    assertThat(w.follow(granted).body())
        .contains("Extension granted: the planned date is now " + wanted)
        .contains("The maintainer is told by mail (" + maintainer + ")");
    HttpResponse<String> decidedAgain =
        w.post(
            "/cna/cases/" + ref + "/extension-requests/" + request,
            Map.of("decision", "grant", "reason", "Again."));
    assertThat(decidedAgain.statusCode()).isEqualTo(409);
    assertThat(decidedAgain.body()).contains("already decided");

    assertThat(plannedOf(id)).isEqualTo(wanted);
    assertThat(
            count(
                "SELECT COUNT(*) FROM clock_event WHERE case_id = ? AND action = 'EXTENSION_GRANTED'",
                id))
        .isEqualTo(1);
    List<MimeMessage> both = awaitInbox(maintainer, 2);
    MimeMessage ext =
        both.stream().filter(x -> subject(x).contains("extended")).findFirst().orElseThrow();
    assertThat(ext.getSubject()).isEqualTo(cve + ": disclosure date for " + dist + " extended");
    assertThat(addresses(ext, Message.RecipientType.CC)).containsExactly(TEAM);
    assertThat(GreenMailUtil.getBody(ext))
        .contains(planned.toString(), wanted.toString(), "Old perls matter.");
    assertThat(
            count(
                "SELECT COUNT(*) FROM outbox WHERE case_id = ? AND purpose = 'EXTENSION_GRANTED'",
                id))
        .isEqualTo(1);
    assertThat(auditActions(id)).contains("comms.extension.request", "comms.extension.grant");

    // The maintainer sees the decision and the new date; a second request can be refused.
    assertThat(maint.get(path).body())
        .contains("granted, the date is now " + wanted, "Old perls matter.");
    LocalDate more = wanted.plusDays(30);
    maint.follow(
        maint.post(path + "/extension", Map.of("date", more.toString(), "reason", "Even more.")));
    long second = latestRequest(id);
    HttpResponse<String> refused =
        w.post(
            "/cna/cases/" + ref + "/extension-requests/" + second,
            Map.of("decision", "refuse", "reason", "Long enough <already>."));
    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(w.follow(refused).body())
        .contains("Extension refused; the planned date stays " + wanted);
    assertThat(plannedOf(id)).isEqualTo(wanted);
    assertThat(maint.get(path).body()).contains("refused", "Long enough &lt;already&gt;.");

    // Only the maintainer asks; other parties' links get no form and a refusal.
    String otherToken = otherPartyLink(ref, a);
    WorkspaceClient other = new WorkspaceClient(port, clock);
    assertThat(other.get("/case/" + otherToken).body()).doesNotContain("id=\"extension-request\"");
    assertThat(
            other
                .post(
                    "/case/" + otherToken + "/extension",
                    Map.of("date", more.toString(), "reason", "x"))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            new WorkspaceClient(port, clock)
                .post("/case/not-a-token/extension", Map.of("date", "2030-01-01", "reason", "x"))
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void alreadyPublicSetsTheDateToTodayAndEndsExtensionRequests() throws Exception {
    Member a = member(alice);
    String dist = "Public-" + unique();
    String ref = reservedCase(a, dist, false);
    long id = caseId(ref);
    String maintainer = "pub-" + unique() + "@example.org";
    WorkspaceClient w = client(alice);
    w.follow(
        w.post(
            "/cna/cases/" + ref + "/contact",
            with(contactForm("Pat", maintainer, dist, "Flaw."), "action", "send")));
    String path = linkIn(awaitInbox(maintainer, 1).get(0));
    WorkspaceClient maint = new WorkspaceClient(port, clock);
    maint.get(path);
    LocalDate asked = plannedOf(id).plusDays(7);
    maint.follow(
        maint.post(path + "/extension", Map.of("date", asked.toString(), "reason", "Time.")));
    assertThat(count("SELECT COUNT(*) FROM extension_request WHERE case_id = ?", id)).isEqualTo(1);

    HttpResponse<String> bad =
        w.post(
            "/cna/cases/" + ref + "/already-public",
            Map.of("evidenceUrl", "javascript:alert(1)", "note", ""));
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(bad.body()).contains("http or https address");
    assertThat(w.get("/cna/cases/" + ref).body()).contains("id=\"already-public\"");
    HttpResponse<String> marked =
        w.post(
            "/cna/cases/" + ref + "/already-public",
            Map.of("evidenceUrl", "https://github.com/example/issues/1", "note", "Public issue"));
    assertThat(marked.statusCode()).isEqualTo(302);
    LocalDate today = rules.today(clock);
    assertThat(w.follow(marked).body())
        .contains("the planned date is today, " + today, "Pending extension requests are refused");
    assertThat(plannedOf(id)).isEqualTo(today);
    assertThat(w.get("/cna/cases/" + ref).body()).doesNotContain("id=\"already-public\"");
    assertThat(maint.get(path).body())
        .contains("public already", "<span>refused</span><span> — The issue is public already")
        .doesNotContain("id=\"extension-request\"");
    assertThat(auditActions(id)).contains("comms.already-public");
  }

  // ------------------------------------------------------------------ dashboard and markers

  @Test
  void theDashboardCountsListsAndMarksOnlyCasesTheViewerMaySee() {
    Member a = member(alice);
    String dist = "Dash-" + unique();
    String open = cases.create(new NewCase("Open case", dist, "1.0", false), Viewer.of(a));
    String secret = cases.create(new NewCase("Secret case", dist, "1.0", true), Viewer.of(a));
    String soon = reservedCase(a, dist, false);
    // Reported ten days ago: the maintainer contact (7 days) is overdue for both.
    OffsetDateTime tenDaysAgo = clock.instant().atOffset(ZoneOffset.UTC).minusDays(10);
    jdbc.sql("UPDATE cna_case SET reported_at = ? WHERE reference IN (?, ?)")
        .params(tenDaysAgo, open, secret)
        .update();
    // Contacted; its planned date is in two days: due soon.
    LocalDate inTwoDays = rules.today(clock).plusDays(2);
    jdbc.sql(
            "UPDATE cna_case SET state = 'MAINTAINER_CONTACTED', maintainer_contacted_at = ?,"
                + " planned_disclosure = ? WHERE reference = ?")
        .params(clock.instant().atOffset(ZoneOffset.UTC), inTwoDays, soon)
        .update();

    WorkspaceClient w = client(alice);
    WorkspaceClient b = client(bob);
    // Assign alice to the open case through the case page's form.
    HttpResponse<String> assigned =
        w.post(
            "/cna/cases/" + open + "/assignees",
            Map.of("member", String.valueOf(alice.id()), "action", "add"));
    assertThat(assigned.statusCode()).isEqualTo(302);
    assertThat(w.follow(assigned).body()).contains("is assigned to the case");
    // Bob may not see the secret case: he cannot be assigned to it.
    HttpResponse<String> notBob =
        w.post(
            "/cna/cases/" + secret + "/assignees",
            Map.of("member", String.valueOf(bob.id()), "action", "add"));
    assertThat(notBob.statusCode()).isEqualTo(422);
    assertThat(notBob.body()).contains("Only an active member who may see this case");

    HttpResponse<String> mine = w.get("/cna");
    HttpResponse<String> his = b.get("/cna");
    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(his.statusCode()).isEqualTo(200);
    assertThat(countIn(mine.body(), "REPORTED") - countIn(his.body(), "REPORTED")).isEqualTo(1);
    assertThat(total(mine.body()) - total(his.body())).isEqualTo(1);
    String overdueMine = section(mine.body(), "overdue");
    String overdueHis = section(his.body(), "overdue");
    assertThat(overdueMine).contains(open, secret, "maintainer contact overdue since");
    assertThat(overdueHis).contains(open).doesNotContain(secret);
    assertThat(his.body()).doesNotContain(secret).doesNotContain("Secret case");
    assertThat(section(mine.body(), "due-soon")).contains(soon, "planned disclosure date due");
    assertThat(section(mine.body(), "mine")).contains(open).doesNotContain(secret);
    assertThat(section(his.body(), "mine")).doesNotContain(open);

    // The case list and the case page carry the markers.
    String list = w.get("/cna/cases?q=" + dist).body();
    assertThat(list)
        .contains("due-marker", "maintainer contact overdue", "planned disclosure date due soon");
    assertThat(b.get("/cna/cases?q=" + dist).body()).doesNotContain(secret);
    assertThat(w.get("/cna/cases/" + open).body())
        .contains("id=\"due-markers\"", "maintainer contact overdue since")
        .contains("id=\"assignee-list\"", alice.username());

    // An unsigned member sees only the agreement notice; an admin alone sees no case at all.
    TestMembers.TestMember unsigned = members.create("unsigned", Set.of(Role.CNA_MEMBER), false);
    HttpResponse<String> notice = client(unsigned).getNoRedirect("/cna");
    assertThat(notice.statusCode()).isEqualTo(403);
    assertThat(notice.body()).contains("Sign the agreement first").doesNotContain(open, dist);
    TestMembers.TestMember admin = members.create("admin", Set.of(Role.ADMIN), true);
    HttpResponse<String> adminHome = client(admin).get("/cna");
    assertThat(adminHome.statusCode()).isEqualTo(200);
    assertThat(adminHome.body())
        .contains("Your roles give no access to cases")
        .doesNotContain(open, secret, dist);
    assertThat(total(adminHome.body())).isZero();

    // Only CNA members assign; unassigning takes the case off "assigned to me".
    TestMembers.TestMember reader = members.create("reader", Set.of(Role.CPANSEC_MEMBER), true);
    assertThat(
            client(reader)
                .post(
                    "/cna/cases/" + open + "/assignees",
                    Map.of("member", String.valueOf(reader.id()), "action", "add"))
                .statusCode())
        .isEqualTo(403);
    w.follow(
        w.post(
            "/cna/cases/" + open + "/assignees",
            Map.of("member", String.valueOf(alice.id()), "action", "remove")));
    assertThat(section(w.get("/cna").body(), "mine")).doesNotContain(open);
    assertThat(auditActions(caseId(open))).contains("case.assignee");
  }

  @Test
  void theCasePageShowsTheMailsThatCameInForTheCaseEscaped() {
    Member a = member(alice);
    String ref = cases.create(new NewCase("Inbound", "In-" + unique(), "1.0", false), Viewer.of(a));
    long id = caseId(ref);
    jdbc.sql(
            "INSERT INTO case_inbound_mail (case_id, message_id, sender, sender_name, subject,"
                + " body, notes, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            "<m-" + unique() + "@example.org>",
            "maint@example.org",
            "Mal <Maintainer>",
            "Re: [" + ref + "] <script>alert(1)</script>",
            "A fix is in <b>1.2</b>.",
            null,
            clock.instant().atOffset(ZoneOffset.UTC))
        .update();
    String page = client(alice).get("/cna/cases/" + ref).body();
    assertThat(page)
        .contains("id=\"inbound-mails\"", "maint@example.org")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "A fix is in &lt;b&gt;1.2&lt;/b&gt;.")
        .doesNotContain("<script>alert(1)</script>", "<b>1.2</b>");
  }

  // ------------------------------------------------------------------ helpers

  private static <T> T awaitThen(CountDownLatch go, java.util.concurrent.Callable<T> work)
      throws Exception {
    go.await();
    return work.call();
  }

  private Member member(TestMembers.TestMember t) {
    return memberStore.activeMember(t.id(), workspace.agreementVersion()).orElseThrow();
  }

  private WorkspaceClient client(TestMembers.TestMember t) {
    return new WorkspaceClient(port, clock).signIn(t);
  }

  /** A case in RESERVED with a CVE ID of the pool, opened by hand by a CNA member. */
  private String reservedCase(Member m, String dist, boolean sensitive) {
    Viewer v = Viewer.of(m);
    String ref = cases.create(new NewCase("Case of " + dist, dist, "< 1.0", sensitive), v);
    cases.transition(ref, CaseState.TRIAGE, TransitionReason.note(null), v);
    int year = rules.today(clock).getYear();
    String cve = "CVE-" + year + "-" + (100000 + ThreadLocalRandom.current().nextInt(800000));
    pool.importText(cve, "comms test", m);
    // Assigning an ID to a case in TRIAGE moves it to RESERVED (cveid.CveIdPool).
    pool.assign(caseId(ref), m, null);
    assertThat(state(caseId(ref))).isEqualTo("RESERVED");
    return ref;
  }

  /** Saves a CVE record version for the case straight into the record package's tables. */
  private void record(long caseId, String cve, Member m, String yaml) {
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    jdbc.sql(
            "INSERT INTO case_record (case_id, cve_id, current_version, created_at, updated_at)"
                + " VALUES (?, ?, 1, ?, ?)")
        .params(caseId, cve, now, now)
        .update();
    long recordId =
        jdbc.sql("SELECT id FROM case_record WHERE case_id = ? AND cve_id = ?")
            .params(caseId, cve)
            .query(Long.class)
            .single();
    jdbc.sql(
            "INSERT INTO case_record_version (record_id, version, yaml, valid, saved_by, saved_at)"
                + " VALUES (?, 1, ?, TRUE, ?, ?)")
        .params(recordId, yaml, m.id(), now)
        .update();
  }

  private String otherPartyLink(String ref, Member m) {
    return context
        .getBean(org.cpansec.server.cases.ExternalGrants.class)
        .create(ref, org.cpansec.server.cases.Party.OTHER, "Helper", null, Viewer.of(m))
        .token();
  }

  private long caseId(String ref) {
    return jdbc.sql("SELECT id FROM cna_case WHERE reference = ?")
        .param(ref)
        .query(Long.class)
        .single();
  }

  private String onlyCve(long caseId) {
    return jdbc.sql("SELECT cve_id FROM cve_id WHERE case_id = ?")
        .param(caseId)
        .query(String.class)
        .single();
  }

  private String state(long caseId) {
    return jdbc.sql("SELECT state FROM cna_case WHERE id = ?")
        .param(caseId)
        .query(String.class)
        .single();
  }

  private LocalDate plannedOf(long caseId) {
    return jdbc.sql("SELECT planned_disclosure FROM cna_case WHERE id = ?")
        .param(caseId)
        .query(LocalDate.class)
        .single();
  }

  private long latestRequest(long caseId) {
    return jdbc.sql("SELECT MAX(id) FROM extension_request WHERE case_id = ?")
        .param(caseId)
        .query(Long.class)
        .single();
  }

  private int outboxRows(long caseId) {
    return count("SELECT COUNT(*) FROM outbox WHERE case_id = ?", caseId);
  }

  private int count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Integer.class).single();
  }

  private List<String> auditActions(long caseId) {
    return jdbc.sql("SELECT action FROM audit_log WHERE case_id = ? ORDER BY id")
        .param(caseId)
        .query(String.class)
        .list();
  }

  private static LocalDate date(Object value) {
    return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
  }

  private static Map<String, String> contactForm(
      String name, String email, String dist, String issue) {
    Map<String, String> f = new HashMap<>();
    f.put("maintainerName", name);
    f.put("maintainerEmail", email);
    f.put("distribution", dist);
    f.put("issue", issue);
    f.put("impact", "Anyone can run commands.");
    f.put("suggestedFix", "Use the list form of system().");
    f.put("publicKey", "");
    return f;
  }

  private static Map<String, String> with(Map<String, String> fields, String key, String value) {
    Map<String, String> f = new HashMap<>(fields);
    f.put(key, value);
    return f;
  }

  /** The number on the dashboard's count of one state ("reported: 3"). */
  private static int countIn(String html, String state) {
    Matcher m =
        Pattern.compile("id=\"count-" + state + "\"><a[^>]*>[a-z ]+: (\\d+)</a>").matcher(html);
    assertThat(m.find()).as("count of %s on the dashboard", state).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static int total(String html) {
    Matcher m = Pattern.compile("id=\"case-total\">(\\d+)<").matcher(html);
    assertThat(m.find()).as("total on the dashboard").isTrue();
    return Integer.parseInt(m.group(1));
  }

  /** The HTML of the dashboard's section with this id. */
  private static String section(String html, String id) {
    int start = html.indexOf("id=\"" + id + "\"");
    assertThat(start).as("section %s", id).isNotNegative();
    int end = html.indexOf("</section>", start);
    return html.substring(start, end);
  }

  private String linkIn(MimeMessage m) {
    Matcher link = LINK.matcher(GreenMailUtil.getBody(m).replace("=\r\n", ""));
    assertThat(link.find()).as("a link to the case in the mail").isTrue();
    return link.group(1);
  }

  /**
   * Waits (bounded) until the address's mailbox holds {@code n} messages, then checks it holds n.
   */
  private List<MimeMessage> awaitInbox(String address, int n) throws Exception {
    for (int i = 0; i < 400 && inbox(address).size() < n; i++) {
      Thread.sleep(50);
    }
    List<MimeMessage> got = inbox(address);
    assertThat(got).as("mails to %s", address).hasSize(n);
    return got;
  }

  private List<MimeMessage> inbox(String address) throws FolderException {
    GreenMailUser user = smtp.getUserManager().getUserByEmail(address);
    if (user == null) {
      return List.of();
    }
    List<MimeMessage> out = new ArrayList<>();
    for (StoredMessage s : smtp.getManagers().getImapHostManager().getInbox(user).getMessages()) {
      out.add(s.getMimeMessage());
    }
    return out;
  }

  private int teamCopies(String subject) throws FolderException {
    return (int) inbox(TEAM).stream().filter(m -> subject.equals(subject(m))).count();
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> addresses(MimeMessage m, Message.RecipientType type)
      throws MessagingException {
    return m.getRecipients(type) == null
        ? List.of()
        : Arrays.stream(m.getRecipients(type)).map(Object::toString).toList();
  }

  private static byte[] raw(MimeMessage m) throws IOException, MessagingException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return out.toByteArray();
  }

  private static String unique() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
