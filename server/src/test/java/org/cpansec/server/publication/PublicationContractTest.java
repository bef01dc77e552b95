package org.cpansec.server.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.cpansec.server.Http;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.cpansec.server.account.TestMembers;
import org.cpansec.server.account.WorkspaceClient;
import org.cpansec.server.cases.CaseAttachments;
import org.cpansec.server.cases.CaseState;
import org.cpansec.server.cases.Cases;
import org.cpansec.server.cases.ExternalGrants;
import org.cpansec.server.cases.Fixtures;
import org.cpansec.server.cases.Party;
import org.cpansec.server.cases.TransitionReason;
import org.cpansec.server.cases.Viewer;
import org.cpansec.server.clocks.CaseClock;
import org.cpansec.server.clocks.DisclosureClock;
import org.cpansec.server.cveid.CveIdPool;
import org.cpansec.server.cveid.CveIdState;
import org.cpansec.server.cveservices.CveServicesStandIn;
import org.cpansec.server.record.RecordStore;
import org.cpansec.server.store.AdvisoryCatalog;
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
 * Publication end to end, once per database, with real sign-in, the CVE Services stand-in and
 * GreenMail: the step runner (every step once; a CVE Services outage recorded on its step, the
 * retry resuming there without redoing what was done; a second run sending nothing), the fix patch
 * at its path under {@code /patches/}, the advisory in every feed and the OSV API, the §9 update
 * and disputes, and who may do what.
 */
abstract class PublicationContractTest {
  static final int SMTP_PORT = freePort();
  static final String ANNOUNCE = "announce-list@cpansec.test";
  static final Path PATCH_DIR = tempDir();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger SEQ = new AtomicInteger();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    r.add("spring.mail.host", () -> "127.0.0.1");
    r.add("spring.mail.port", () -> SMTP_PORT);
    r.add("cpansec.mail.from", () -> "noreply@cpansec.test");
    r.add("cpansec.mail.team-address", () -> "team@cpansec.test");
    // Only this context's own mails: no scheduled retry picking up other contexts' queue.
    r.add("cpansec.mail.poll-interval", () -> "PT10H");
    r.add("cpansec.clocks.reminders.enabled", () -> "false");
    r.add("cpansec.publication.announce-address", () -> ANNOUNCE);
    r.add("cpansec.publication.patch-dir", PATCH_DIR::toString);
    r.add(
        "cpansec.cases.attachment-dir",
        () -> PATCH_DIR.resolveSibling(PATCH_DIR.getFileName() + "-files").toString());
  }

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;
  @Autowired Cases cases;
  @Autowired ExternalGrants grants;
  @Autowired CaseAttachments attachments;
  @Autowired RecordStore records;
  @Autowired Publication publication;
  @Autowired AdvisoryCatalog catalog;
  @Autowired CveIdPool pool;
  @Autowired DisclosureClock clocks;
  @Autowired CveServicesStandIn standIn;

  GreenMail smtp;
  Http http;
  final List<String> published = new ArrayList<>();
  final List<Long> caseIds = new ArrayList<>();

  @BeforeEach
  void start() {
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    http = new Http(port);
  }

  /**
   * The PostgreSQL database is shared by every test context of the JVM: the CNA advisories made
   * here are taken out again, so that contexts started later serve only their own data.
   */
  @AfterEach
  void stop() throws InterruptedException {
    // Let this test's mails leave before the SMTP server goes, so that none is left queued in a
    // shared database for another context's sender to pick up.
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (unsent() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    smtp.stop();
    for (String cve : published) {
      jdbc.sql("DELETE FROM cna_advisory WHERE cve_id = ?").param(cve).update();
    }
    catalog.reload();
  }

  // ---- the step runner ---------------------------------------------------------------------

  @Test
  void everyStepRunsOnceAndAFailedStepIsRetriedWithoutRedoingTheOnesBefore() throws Exception {
    Ready k = ready("Steps");
    WorkspaceClient web = new WorkspaceClient(port).signIn(k.member());
    String page = "/cna/cases/" + k.reference() + "/publication";
    HttpResponse<String> form = web.get(page);
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("id=\"publish\"", "id=\"mark-fix-patch\"");

    HttpResponse<String> marked =
        web.post(
            page + "/fix-patch",
            Map.of("cve", k.cve(), "attachment", Long.toString(k.patchId()), "version", "1.4"));
    assertThat(marked.statusCode()).isEqualTo(302);
    assertThat(web.follow(marked).body()).contains("Fix patch marked", "fix.patch for version 1.4");

    standIn.failRecordWrites(1, 500);
    HttpResponse<String> first = web.follow(web.post(page + "/publish", Map.of()));
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("id=\"error\"", "HTTP 500", "id=\"retry\"");
    List<Row> steps = steps(k);
    assertThat(steps)
        .extracting(Row::step, Row::status, Row::attempts)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("PATCH", "DONE", 1),
            org.assertj.core.groups.Tuple.tuple("ADVISORY", "DONE", 1),
            org.assertj.core.groups.Tuple.tuple("CVE_SERVICES", "FAILED", 1),
            org.assertj.core.groups.Tuple.tuple("ANNOUNCEMENT", "PENDING", 0),
            org.assertj.core.groups.Tuple.tuple("FORWARD_MAINTAINERS", "PENDING", 0),
            org.assertj.core.groups.Tuple.tuple("FORWARD_REPORTER", "PENDING", 0),
            org.assertj.core.groups.Tuple.tuple("STATE", "PENDING", 0));
    assertThat(steps.get(2).error()).contains("HTTP 500").contains("POST /cve/" + k.cve() + "/cna");
    assertThat(steps.get(3).error()).isNull();
    assertThat(state(k)).isEqualTo("READY_TO_PUBLISH");
    assertThat(standIn.state(k.cve())).isEqualTo("RESERVED");
    assertThat(outbox(k, "PUBLICATION_ANNOUNCEMENT")).isZero();

    HttpResponse<String> second = web.follow(web.post(page + "/retry", Map.of()));
    assertThat(second.body()).contains("id=\"notice\"", "Every step is done.");
    assertThat(steps(k))
        .extracting(Row::step, Row::status, Row::attempts)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("PATCH", "DONE", 1),
            org.assertj.core.groups.Tuple.tuple("ADVISORY", "DONE", 1),
            org.assertj.core.groups.Tuple.tuple("CVE_SERVICES", "DONE", 2),
            org.assertj.core.groups.Tuple.tuple("ANNOUNCEMENT", "DONE", 1),
            org.assertj.core.groups.Tuple.tuple("FORWARD_MAINTAINERS", "DONE", 1),
            org.assertj.core.groups.Tuple.tuple("FORWARD_REPORTER", "DONE", 1),
            org.assertj.core.groups.Tuple.tuple("STATE", "DONE", 1));
    assertThat(state(k)).isEqualTo("PUBLISHED");
    assertThat(
            jdbc.sql("SELECT published_at FROM cna_case WHERE id = ?")
                .param(k.caseId())
                .query(OffsetDateTime.class)
                .single())
        .isNotNull();
    assertThat(pool.find(k.cve()).orElseThrow().state()).isEqualTo(CveIdState.PUBLISHED);

    // CVE Services has the record once, with the published patch among its references.
    String patchPath = "A/" + k.distribution() + "/1.4/" + k.cve() + "-r1.patch";
    String patchUrl = "http://localhost:8080/patches/" + patchPath;
    assertThat(standIn.state(k.cve())).isEqualTo("PUBLISHED");
    assertThat(standIn.record(k.cve()).path("containers").path("cna").path("references").toString())
        .contains(patchUrl);
    assertThat(writes(k.cve(), "POST")).isEqualTo(2); // the outage, then the publication
    assertThat(writes(k.cve(), "PUT")).isZero();

    // Running the finished run again, and "publish" again, send and submit nothing more.
    long run = runOf(k);
    assertThat(publication.runSteps(run, k.asMember()).finished()).isTrue();
    HttpResponse<String> again = web.post(page + "/publish", Map.of());
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("Only a case in READY_TO_PUBLISH is published");
    assertThatThrownBy(() -> publication.retry(k.reference(), k.asMember()))
        .isInstanceOf(PublicationRefused.class)
        .hasMessageContaining("nothing to retry");
    assertThat(steps(k)).extracting(Row::attempts).containsExactly(1, 1, 2, 1, 1, 1, 1);
    assertThat(writes(k.cve(), "POST")).isEqualTo(2);
    assertThat(outbox(k, "PUBLICATION_ANNOUNCEMENT")).isOne();
    assertThat(outbox(k, "FORWARD_TO_MAINTAINER")).isOne();
    assertThat(outbox(k, "FORWARD_TO_REPORTER")).isOne();

    // The three mails arrive: the list, the maintainer (To, "because you are a maintainer"), the
    // reporter.
    MimeMessage list = awaitMail(to(ANNOUNCE).and(subjectHas(k.cve())));
    assertThat(list.getSubject()).startsWith(k.cve() + ": Acme::");
    String listBody = GreenMailUtil.getBody(list);
    assertThat(listBody).contains("CPAN Security Group", k.distribution());
    assertThat(listBody).doesNotStartWith("Subject:");
    MimeMessage maintainer = awaitMail(to(k.maintainerEmail()).and(subjectHas(k.cve())));
    assertThat(GreenMailUtil.getBody(maintainer)).contains("because you are a maintainer");
    assertThat(maintainer.getRecipients(Message.RecipientType.TO)[0].toString())
        .isEqualTo(k.maintainerEmail());
    assertThat(maintainer.getRecipients(Message.RecipientType.BCC)).isNull();
    MimeMessage reporter = awaitMail(to("reporter@example.org").and(subjectHas(k.cve())));
    assertThat(GreenMailUtil.getBody(reporter)).contains("you reported the issue");

    // The patch is public, as plain text that a browser only downloads.
    HttpResponse<String> patch = http.page("/patches/" + patchPath);
    assertThat(patch.statusCode()).isEqualTo(200);
    assertThat(patch.body()).isEqualTo(k.patch());
    assertThat(patch.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(patch.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(patch.headers().firstValue("Content-Disposition").orElse(""))
        .startsWith("attachment");
    assertThat(patch.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("sandbox");
    assertThat(Files.readString(PATCH_DIR.resolve(patchPath))).isEqualTo(k.patch());
    assertThat(
            http.page("/patches/A/" + k.distribution() + "/1.4/" + k.cve() + "-r2.patch")
                .statusCode())
        .isEqualTo(404);
    // Only recorded paths are served; an encoded traversal is refused before it gets that far.
    assertThat(http.page("/patches/A/..%2F..%2Fetc/1.4/passwd").statusCode()).isIn(400, 404);
    assertThat(http.page("/patches/A/" + k.distribution() + "/1.4/fix.patch").statusCode())
        .isEqualTo(404);

    // Each step is in the audit log, the failed attempt too.
    assertThat(audits(k, "publication.step")).isEqualTo(7);
    assertThat(audits(k, "publication.step.failed")).isEqualTo(1);
    assertThat(audits(k, "case.state")).isGreaterThanOrEqualTo(1);

    // The page shows the run with every step done.
    String shown = web.get(page).body();
    assertThat(shown).contains("data-status=\"DONE\"").doesNotContain("data-status=\"FAILED\"");
    assertThat(shown).contains("patches/" + patchPath);
  }

  @Test
  void theAdvisoryIsInTheDatabaseEveryFeedAndTheOsvApiOncePublished() throws Exception {
    Ready k = ready("Feeds");
    assertThat(api("/v1/vulns/" + k.cve()).statusCode()).isEqualTo(404);
    Map<String, HttpResponse<byte[]>> before = feeds();

    Publication.Outcome o = publication.publish(k.reference(), k.asMember());
    assertThat(o.finished()).as(o.message()).isTrue();

    HttpResponse<String> vuln = api("/v1/vulns/" + k.cve());
    assertThat(vuln.statusCode()).isEqualTo(200);
    JsonNode osv = JSON.readTree(vuln.body());
    assertThat(osv.path("id").asText()).isEqualTo(k.cve());
    assertThat(osv.path("affected").get(0).path("package").path("name").asText())
        .isEqualTo(k.distribution());
    Map<String, HttpResponse<byte[]>> after = feeds();
    for (String feed : after.keySet()) {
      HttpResponse<byte[]> b = before.get(feed);
      HttpResponse<byte[]> a = after.get(feed);
      assertThat(a.headers().firstValue("ETag"))
          .as(feed)
          .isNotEqualTo(b.headers().firstValue("ETag"));
      assertThat(a.headers().firstValue("Last-Modified"))
          .as(feed)
          .isNotEqualTo(b.headers().firstValue("Last-Modified"));
      // The copy a poller holds is stale now.
      HttpResponse<byte[]> conditional =
          http.send(
              HttpRequest.newBuilder(http.uri(feed))
                  .header("If-None-Match", b.headers().firstValue("ETag").orElseThrow())
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(conditional.statusCode()).as(feed).isEqualTo(200);
    }
    assertThat(text(after.get("/feeds/advisories.atom"))).contains(k.cve());
    assertThat(text(after.get("/feeds/cpansa.json"))).contains(k.cve(), k.distribution());
    assertThat(text(after.get("/feeds/cpan-audit.json"))).contains(k.cve(), k.distribution());
    assertThat(zipEntries(after.get("/feeds/osv.zip").body())).contains(k.cve() + ".json");
    assertThat(http.page("/advisories?cve=" + k.cve()).body()).contains(k.cve());
    assertThat(http.page("/advisories/" + k.cve()).statusCode()).isEqualTo(200);

    // Restarting reads it back from SQL.
    catalog.reload();
    assertThat(catalog.database().find(k.cve())).isPresent();
    assertThat(api("/v1/vulns/" + k.cve()).statusCode()).isEqualTo(200);
  }

  // ---- §9: updates ---------------------------------------------------------------------------

  @Test
  void anUpdateRevalidatesReplacesTheRecordAtCveServicesUpdatesTheFeedsAndAnnouncesIt()
      throws Exception {
    Ready k = ready("Update");
    assertThat(publication.publish(k.reference(), k.asMember()).finished()).isTrue();
    WorkspaceClient web = new WorkspaceClient(port).signIn(k.member());
    String page = "/cna/cases/" + k.reference() + "/publication";
    assertThat(web.get(page).body()).contains("id=\"publish-update\"");

    HttpResponse<String> unchanged = web.post(page + "/update", Map.of("note", "Nothing, really"));
    assertThat(unchanged.statusCode()).isEqualTo(409);
    assertThat(unchanged.body()).contains("Nothing changed since the last publication");

    // An invalid new version is refused, naming what is wrong.
    save(k, k.yaml().replace("author: EXAMPLE", "author: not a pause id"), 1);
    HttpResponse<String> invalid = web.post(page + "/update", Map.of("note", "Broken"));
    assertThat(invalid.statusCode()).isEqualTo(409);
    assertThat(invalid.body()).contains("The record of " + k.cve(), "is not valid");
    assertThat(state(k)).isEqualTo("PUBLISHED");

    save(k, k.yaml().replace("- \"< 1.5\"", "- \"< 1.6\""), 2);
    HttpResponse<String> noNote = web.post(page + "/update", Map.of("note", " "));
    assertThat(noNote.statusCode()).isEqualTo(422);
    assertThat(noNote.body()).contains("Say what changed");

    // A new fix patch too: it is published as revision 2, revision 1 stays.
    long second =
        attachments
            .upload(
                k.reference(),
                "fix-2.patch",
                new ByteArrayInputStream(
                    (k.patch() + "+# and one more line\n").getBytes(StandardCharsets.UTF_8)),
                k.viewer())
            .id();
    publication.markFixPatch(k.reference(), k.cve(), second, "1.5", k.asMember());

    HttpResponse<String> done =
        web.follow(web.post(page + "/update", Map.of("note", "Version 1.5 is affected too.")));
    assertThat(done.body()).contains("Every step is done.");
    assertThat(state(k)).isEqualTo("PUBLISHED");
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM case_transition WHERE case_id = ? AND to_state = 'UPDATED'")
                .param(k.caseId())
                .query(Integer.class)
                .single())
        .isOne();
    assertThat(writes(k.cve(), "PUT")).isOne();
    assertThat(writes(k.cve(), "POST")).isOne();
    assertThat(standIn.record(k.cve()).path("containers").path("cna").path("affected").toString())
        .contains("1.6");
    assertThat(catalog.database().find(k.cve()).orElseThrow().affected().toString())
        .contains("1.6");
    assertThat(api("/v1/vulns/" + k.cve()).body()).contains("1.6");
    assertThat(
            jdbc.sql("SELECT revision FROM cna_advisory WHERE cve_id = ?")
                .param(k.cve())
                .query(Integer.class)
                .single())
        .isEqualTo(2);
    assertThat(
            http.page("/patches/A/" + k.distribution() + "/1.5/" + k.cve() + "-r1.patch")
                .statusCode())
        .isEqualTo(200);
    assertThat(outbox(k, "PUBLICATION_ANNOUNCEMENT")).isEqualTo(2);
    assertThat(outbox(k, "FORWARD_TO_MAINTAINER")).isOne();
    MimeMessage update = awaitMail(to(ANNOUNCE).and(subjectHas(k.cve() + ": UPDATED: ")));
    assertThat(GreenMailUtil.getBody(update))
        .contains("This is an update of " + k.cve(), "What changed: Version 1.5 is affected too.");
  }

  // ---- §9: disputes --------------------------------------------------------------------------

  @Test
  void aDisputeIsRecordedAcknowledgedByMailDecidedAndTheCaseIsPublishedAgain() throws Exception {
    Ready k = ready("Dispute");
    WorkspaceClient web = new WorkspaceClient(port).signIn(k.member());
    String page = "/cna/cases/" + k.reference() + "/publication";
    Map<String, String> dispute =
        Map.of(
            "cve", k.cve(),
            "senderName", "Dora Disputer",
            "senderEmail", "dora@example.org",
            "body", "The affected range is wrong: 1.4 <b>is</b> fixed.");
    HttpResponse<String> early = web.post(page + "/disputes", dispute);
    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(early.body()).contains("A dispute is about a published record");

    assertThat(publication.publish(k.reference(), k.asMember()).finished()).isTrue();
    HttpResponse<String> recorded = web.follow(web.post(page + "/disputes", dispute));
    assertThat(recorded.body()).contains("Dispute recorded; acknowledge it by");
    assertThat(recorded.body())
        .contains("1.4 &lt;b&gt;is&lt;/b&gt; fixed")
        .doesNotContain("<b>is</b>");
    assertThat(state(k)).isEqualTo("DISPUTED");
    CaseClock.Dispute d = clocks.view(k.caseId()).orElseThrow().disputes().get(0);
    assertThat(d.acknowledgedAt()).isNull();
    assertThat(d.acknowledgementDue()).isAfter(d.receivedAt());
    String base = page + "/disputes/" + d.id();

    HttpResponse<String> tooEarly =
        web.post(
            base + "/decision",
            Map.of("decision", "REJECTED", "reason", "r", "communication", "mailed"));
    assertThat(tooEarly.statusCode()).isEqualTo(409);
    assertThat(tooEarly.body()).contains("Acknowledge the dispute first");

    HttpResponse<String> ack = web.follow(web.post(base + "/acknowledge", Map.of()));
    assertThat(ack.body()).contains("Dispute acknowledged.");
    assertThat(clocks.view(k.caseId()).orElseThrow().disputes().get(0).acknowledgedAt())
        .isNotNull();
    assertThat(outbox(k, "DISPUTE_ACKNOWLEDGEMENT")).isOne();
    assertThat(web.post(base + "/acknowledge", Map.of()).statusCode()).isEqualTo(409);
    MimeMessage mail = awaitMail(to("dora@example.org"));
    // The subject is the DISPUTE_ACKNOWLEDGEMENT template's newest version, which the mail
    // template tests edit in the shared test database: only its CVE prefix is fixed.
    assertThat(mail.getSubject()).startsWith(k.cve() + ": ");
    assertThat(GreenMailUtil.getBody(mail)).contains("Hello Dora Disputer");

    HttpResponse<String> noReason =
        web.post(
            base + "/decision",
            Map.of("decision", "REJECTED", "reason", " ", "communication", "mailed"));
    assertThat(noReason.statusCode()).isEqualTo(422);
    assertThat(noReason.body()).contains("Give the reason for the decision.");
    HttpResponse<String> badChoice =
        web.post(
            base + "/decision",
            Map.of("decision", "MAYBE", "reason", "r", "communication", "mailed"));
    assertThat(badChoice.statusCode()).isEqualTo(422);

    HttpResponse<String> decided =
        web.follow(
            web.post(
                base + "/decision",
                Map.of(
                    "decision", "REJECTED",
                    "reason", "1.4 is affected: the fix is in 1.5.",
                    "communication", "Mailed to Dora and the maintainer on the same day.")));
    assertThat(decided.body()).contains("Decision recorded: rejected", "PUBLISHED again");
    assertThat(decided.body()).contains("id=\"decision-" + d.id() + "\"");
    assertThat(state(k)).isEqualTo("PUBLISHED");
    assertThat(
            web.post(
                    base + "/decision",
                    Map.of("decision", "UPHELD", "reason", "r", "communication", "c"))
                .statusCode())
        .isEqualTo(409);
    assertThat(audits(k, "publication.dispute.decision")).isOne();
  }

  // ---- refusals and access ---------------------------------------------------------------------

  @Test
  void publishingIsRefusedWithTheReasonUntilEveryRecordIsValidAndTheCaseIsReady() {
    Ready k = ready("Refused");
    save(k, k.yaml().replace("module: ", "module: Not A Module "), 1);
    WorkspaceClient web = new WorkspaceClient(port).signIn(k.member());
    String page = "/cna/cases/" + k.reference() + "/publication";
    HttpResponse<String> invalid = web.post(page + "/publish", Map.of());
    assertThat(invalid.statusCode()).isEqualTo(409);
    assertThat(invalid.body()).contains("The record of " + k.cve(), "not valid");
    assertThat(runs(k)).isZero();

    cases.transition(k.reference(), CaseState.PUBLISHED, TransitionReason.note(null), k.viewer());
    HttpResponse<String> wrongState = web.post(page + "/publish", Map.of());
    assertThat(wrongState.statusCode()).isEqualTo(409);
    assertThat(wrongState.body()).contains("is PUBLISHED");

    HttpResponse<String> version =
        web.post(
            page + "/fix-patch",
            Map.of("cve", k.cve(), "attachment", Long.toString(k.patchId()), "version", "1/../2"));
    assertThat(version.statusCode()).isEqualTo(422);
    assertThat(version.body()).contains("is not a release version");
    long notes =
        attachments
            .upload(
                k.reference(),
                "notes.txt",
                new ByteArrayInputStream("plain notes".getBytes(StandardCharsets.UTF_8)),
                k.viewer())
            .id();
    HttpResponse<String> notAPatch =
        web.post(
            page + "/fix-patch",
            Map.of("cve", k.cve(), "attachment", Long.toString(notes), "version", "1.4"));
    assertThat(notAPatch.statusCode()).isEqualTo(422);
    assertThat(notAPatch.body()).contains("notes.txt cannot be the fix patch");
  }

  @Test
  void membersWhoSeeTheCaseReadThePageOnlyCnaMembersActAndOthersGetNotFound() {
    Ready k = ready("Access");
    TestMembers members = new TestMembers(context);
    TestMembers.TestMember reader = members.create("reader", Set.of(Role.CPANSEC_MEMBER), true);
    WorkspaceClient web = new WorkspaceClient(port).signIn(reader);
    String page = "/cna/cases/" + k.reference() + "/publication";
    HttpResponse<String> seen = web.get(page);
    assertThat(seen.statusCode()).isEqualTo(200);
    assertThat(seen.body()).contains("Only CNA members publish.").doesNotContain("id=\"publish\"");
    assertThat(seen.body()).contains("&lt;script&gt;").doesNotContain("<script>alert");
    HttpResponse<String> refused = web.post(page + "/publish", Map.of());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("Only CNA members publish cases.");
    assertThat(runs(k)).isZero();

    TestMembers.TestMember admin = members.create("admin", Set.of(Role.ADMIN), true);
    WorkspaceClient adminWeb = new WorkspaceClient(port).signIn(admin);
    HttpResponse<String> hidden = adminWeb.get(page);
    HttpResponse<String> missing = adminWeb.get("/cna/cases/CPANSEC-1999-9999/publication");
    assertThat(hidden.statusCode()).isEqualTo(404);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(hidden.body()).isEqualTo(missing.body());
    assertThat(adminWeb.post(page + "/publish", Map.of()).statusCode()).isEqualTo(404);

    // A sensitive case: only the CNA members named on it.
    cases.setSensitive(k.reference(), true, k.viewer());
    TestMembers.TestMember other = members.create("other-cna", Set.of(Role.CNA_MEMBER), true);
    assertThat(new WorkspaceClient(port).signIn(other).get(page).statusCode()).isEqualTo(404);
    assertThat(new WorkspaceClient(port).signIn(k.member()).get(page).statusCode()).isEqualTo(200);

    HttpResponse<String> anonymous = http.page(page);
    assertThat(anonymous.statusCode()).isEqualTo(302);
  }

  // ---- the case, made ready through the services ----------------------------------------------

  /** A case ready to publish, held by a CNA member, with a maintainer link and a patch file. */
  record Ready(
      TestMembers.TestMember member,
      Member asMember,
      String reference,
      long caseId,
      String cve,
      String distribution,
      String yaml,
      String maintainerEmail,
      long patchId,
      String patch) {
    Viewer viewer() {
      return Viewer.of(asMember);
    }
  }

  Ready ready(String name) {
    int n = SEQ.incrementAndGet();
    int salt = ThreadLocalRandom.current().nextInt(100000, 999999);
    TestMembers.TestMember tm =
        new TestMembers(context).create("publisher", Set.of(Role.CNA_MEMBER), true);
    Member m =
        new Member(
            tm.id(),
            tm.username(),
            "Test publisher",
            tm.username() + "@example.org",
            tm.roles(),
            true);
    Viewer v = Viewer.of(m);
    String dist = "Acme-" + name + salt;
    Fixtures.Report report = new Fixtures(jdbc).report(dist, "1.4", "Rita Reporter", false);
    String ref =
        cases.openFromReport(report.id(), "Flaw in " + dist + " <script>alert(1)</script>", v);
    long caseId =
        jdbc.sql("SELECT id FROM cna_case WHERE reference = ?")
            .param(ref)
            .query(Long.class)
            .single();
    cases.transition(ref, CaseState.TRIAGE, TransitionReason.note(null), v);
    int year = OffsetDateTime.now(ZoneOffset.UTC).getYear();
    String cve = "CVE-" + year + "-" + salt + String.format("%03d", n % 1000);
    standIn.seed(cve, CveServicesStandIn.ORG, "RESERVED");
    jdbc.sql(
            "INSERT INTO cve_id (cve_id, cve_year, state, case_id, reserved_at, source)"
                + " VALUES (?, ?, 'ASSIGNED', ?, ?, 'test')")
        .params(cve, year, caseId, OffsetDateTime.now(ZoneOffset.UTC))
        .update();
    for (CaseState s :
        List.of(
            CaseState.RESERVED,
            CaseState.MAINTAINER_CONTACTED,
            CaseState.EMBARGO,
            CaseState.DRAFTING)) {
      cases.transition(ref, s, TransitionReason.note(null), v);
    }
    String maintainer = "maint-" + salt + "@example.org";
    grants.create(ref, Party.MAINTAINER, "Mia Maintainer", maintainer, v);
    String module = dist.replace("-", "::");
    String yaml =
        """
        cpansec:
          cve: %s
          distribution: %s
          module: %s
          author: EXAMPLE
          affected:
            - "< 1.5"
          title: %s versions before 1.5 for Perl allow code injection through a test
          description: |
            %s versions before 1.5 for Perl allow code injection through a test of the
            publication steps, which is long enough to be a description.
          solution: Upgrade to 1.5 or later.
          references:
            - link: https://metacpan.org/release/EXAMPLE/%s-1.5/changes
              tags: [release-notes]
        """
            .formatted(cve, dist, module, module, module, dist);
    Ready k = new Ready(tm, m, ref, caseId, cve, dist, yaml, maintainer, 0, null);
    save(k, yaml, 0);
    String patch =
        "--- a/lib/" + module + ".pm\n+++ b/lib/" + module + ".pm\n@@ -1 +1 @@\n-old\n+new\n";
    long patchId =
        attachments
            .upload(
                ref,
                "fix.patch",
                new ByteArrayInputStream(patch.getBytes(StandardCharsets.UTF_8)),
                v)
            .id();
    cases.transition(ref, CaseState.READY_TO_PUBLISH, TransitionReason.note(null), v);
    published.add(cve);
    caseIds.add(caseId);
    return new Ready(tm, m, ref, caseId, cve, dist, yaml, maintainer, patchId, patch);
  }

  void save(Ready k, String yaml, int base) {
    records.save(
        k.caseId(),
        k.cve(),
        yaml,
        true,
        List.of(),
        k.asMember().id(),
        base,
        OffsetDateTime.now(ZoneOffset.UTC));
  }

  private int unsent() {
    int n = 0;
    for (long caseId : caseIds) {
      n +=
          jdbc.sql(
                  "SELECT COUNT(*) FROM outbox WHERE case_id = ? AND status IN ('QUEUED', 'SENDING')")
              .param(caseId)
              .query(Integer.class)
              .single();
    }
    return n;
  }

  // ---- reading what happened
  // ---------------------------------------------------------------------

  record Row(String step, String status, int attempts, String error) {}

  List<Row> steps(Ready k) {
    return jdbc.sql(
            "SELECT s.step, s.status, s.attempts, s.last_error FROM publication_step s"
                + " WHERE s.run_id = ? ORDER BY s.seq")
        .param(runOf(k))
        .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)))
        .list();
  }

  long runOf(Ready k) {
    return jdbc.sql("SELECT MIN(id) FROM publication_run WHERE case_id = ?")
        .param(k.caseId())
        .query(Long.class)
        .single();
  }

  int runs(Ready k) {
    return jdbc.sql("SELECT COUNT(*) FROM publication_run WHERE case_id = ?")
        .param(k.caseId())
        .query(Integer.class)
        .single();
  }

  String state(Ready k) {
    return jdbc.sql("SELECT state FROM cna_case WHERE id = ?")
        .param(k.caseId())
        .query(String.class)
        .single();
  }

  int outbox(Ready k, String purpose) {
    return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE case_id = ? AND purpose = ?")
        .params(k.caseId(), purpose)
        .query(Integer.class)
        .single();
  }

  int audits(Ready k, String action) {
    return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE case_id = ? AND action = ?")
        .params(k.caseId(), action)
        .query(Integer.class)
        .single();
  }

  long writes(String cve, String method) {
    return standIn.requests().stream()
        .filter(r -> r.equals(method + " /api/cve/" + cve + "/cna"))
        .count();
  }

  Map<String, HttpResponse<byte[]>> feeds() {
    Map<String, HttpResponse<byte[]>> out = new java.util.LinkedHashMap<>();
    for (String f :
        List.of(
            "/feeds/advisories.atom",
            "/feeds/cpansa.json",
            "/feeds/cpan-audit.json",
            "/feeds/osv.zip")) {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(http.uri(f)).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).as(f).isEqualTo(200);
      out.put(f, r);
    }
    return out;
  }

  HttpResponse<String> api(String path) {
    return http.send(
        HttpRequest.newBuilder(http.uri(path)).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static List<String> zipEntries(byte[] zip) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
      }
    }
    return names;
  }

  /** Waits (at most 30 s) for a received mail that matches, and returns it. */
  MimeMessage awaitMail(Predicate<MimeMessage> which) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<MimeMessage> found = Arrays.stream(smtp.getReceivedMessages()).filter(which).toList();
      if (!found.isEmpty()) {
        assertThat(found).hasSize(1);
        return found.get(0);
      }
      smtp.waitForIncomingEmail(500, smtp.getReceivedMessages().length + 1);
    }
    throw new AssertionError("no such mail arrived");
  }

  static Predicate<MimeMessage> to(String address) {
    return m -> {
      try {
        return m.getRecipients(Message.RecipientType.TO) != null
            && Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                .anyMatch(a -> a.toString().equalsIgnoreCase(address));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  static Predicate<MimeMessage> subjectHas(String text) {
    return m -> {
      try {
        return m.getSubject() != null && m.getSubject().contains(text);
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("cpansec-patches-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
