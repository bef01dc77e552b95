package org.cpansec.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import java.util.concurrent.TimeUnit;
import org.cpansec.server.ServerProperties;
import org.cpansec.server.account.Role;
import org.cpansec.server.account.TestMembers;
import org.cpansec.server.account.WorkspaceClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outgoing mail end to end, once per database: templates rendered and versioned (also through the
 * admin pages), the idempotent outbox and its claims under two concurrent senders, DKIM signatures
 * verified on what GreenMail received, and OpenPGP: PGP/MIME to recipients with a key, sensitive
 * cases refused without one, and the platform's own key decrypting what is sent to it.
 */
abstract class MailDeliveryContractTest {
  private static final int SMTP_PORT = freePort();
  private static final String FROM = "noreply@cpansec.test";
  private static final String TEAM = "team@cpansec.test";
  private static final String PLATFORM = "platform@cpansec.test";
  private static final KeyPair DKIM = TestKeys.dkim();
  private static final TestKeys.Pgp PLATFORM_KEY = TestKeys.pgp(PLATFORM);
  private static final TestKeys.Pgp MAINTAINER_KEY = TestKeys.pgp("maint@example.org");
  private static final TestKeys.Pgp TEAM_KEY = TestKeys.pgp(TEAM);
  private static final Path KEYS = keyFiles();

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry r) {
    r.add("spring.mail.host", () -> "127.0.0.1");
    r.add("spring.mail.port", () -> SMTP_PORT);
    r.add("cpansec.mail.from", () -> FROM);
    r.add("cpansec.mail.team-address", () -> TEAM);
    r.add("cpansec.mail.poll-interval", () -> "PT1H");
    r.add("cpansec.mail.dkim.domain", () -> "cpansec.test");
    r.add("cpansec.mail.dkim.selector", () -> "test2026");
    r.add("cpansec.mail.dkim.private-key-file", () -> KEYS.resolve("dkim.pem").toString());
    r.add("cpansec.mail.pgp.secret-key-file", () -> KEYS.resolve("platform.asc").toString());
    r.add("cpansec.mail.pgp.secret-key-passphrase", PLATFORM_KEY::passphrase);
    r.add("cpansec.advisories.import-bundled", () -> "false");
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired MailService mail;
  @Autowired MailTemplates templates;
  @Autowired RecipientKeys keys;
  @Autowired Outbox outbox;
  @Autowired OutboxSender sender;
  @Autowired PgpDecryptor platform;
  @Autowired JavaMailSender smtpClient;
  @Autowired ServerProperties properties;
  @Autowired TransactionTemplate tx;
  @Autowired Environment env;
  @Autowired ApplicationContext context;
  GreenMail smtp;
  TestMembers members;
  TestMembers.TestMember admin;

  @BeforeEach
  void start() {
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    members = new TestMembers(context);
    admin = members.create("mail-admin", Set.of(Role.ADMIN), true);
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  /** A client signed in as the test's admin (password and TOTP, as a browser would). */
  private WorkspaceClient adminClient() {
    return new WorkspaceClient(port).signIn(admin);
  }

  @Test
  void maintainerContactIsRenderedCopiedToTheTeamSentOnceAndSignedWithDkim() throws Exception {
    long caseId = newCase(false);
    String maintainer = unique("maint") + "@example.org";
    Map<String, String> values = contactValues();
    String key = "case:" + caseId + ":MAINTAINER_CONTACT:" + maintainer;

    MailService.Queued first =
        mail.send(MailPurpose.MAINTAINER_CONTACT, caseId, Recipients.to(maintainer), values, key);
    MailService.Queued again =
        mail.send(MailPurpose.MAINTAINER_CONTACT, caseId, Recipients.to(maintainer), values, key);
    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.id()).isEqualTo(first.id());
    awaitStatus(first.id(), "SENT");
    // Once sent, the same key still sends nothing new.
    assertThat(
            mail.send(
                MailPurpose.MAINTAINER_CONTACT, caseId, Recipients.to(maintainer), values, key))
        .isEqualTo(new MailService.Queued(first.id(), false, "SENT", null));
    assertThat(rowsWithKey(key)).isEqualTo(1);

    MimeMessage m = single(inbox(maintainer));
    assertThat(m.getSubject()).isEqualTo("CVE-2026-4242: security issue in Foo-Bar");
    assertThat(addresses(m, Message.RecipientType.TO)).containsExactly(maintainer);
    assertThat(addresses(m, Message.RecipientType.CC)).containsExactly(TEAM);
    assertThat(m.getHeader("Bcc")).isNull();
    String body = (String) m.getContent();
    assertThat(body)
        .contains(
            "published no sooner than 2026-12-14, unless disclosed earlier",
            "Two-argument open() in Foo::Bar::load",
            "Remote code execution",
            "three-argument open",
            "help")
        .doesNotContain("{{");
    // The team's copy is the same message, delivered to its own mailbox.
    assertThat(single(inbox(TEAM)).getMessageID()).isEqualTo(m.getMessageID());
    assertThat(m.getMessageID()).endsWith("@cpansec.test>");

    byte[] raw = raw(m);
    DkimVerifier.Result dkim = DkimVerifier.verify(raw, DKIM.getPublic());
    assertThat(dkim.valid()).as(dkim.reason()).isTrue();
    assertThat(dkim.tags()).containsEntry("d", "cpansec.test").containsEntry("s", "test2026");
    assertThat(dkim.tags().get("h")).startsWith("from:to:cc:subject:date:message-id");
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    byte[] tampered =
        text.replace("2026-12-14", "2027-12-14").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(DkimVerifier.verify(tampered, DKIM.getPublic()).valid()).isFalse();
  }

  @Test
  void aForwardToAMaintainerSaysWhyAndGoesToThemInTo() throws Exception {
    long caseId = newCase(false);
    String maintainer = unique("fwd") + "@example.org";
    Map<String, String> values = new HashMap<>(MailPurpose.FORWARD_TO_MAINTAINER.samples());
    values.put("distribution", "Foo-Bar");
    values.put("announcement", "CVE-2026-4242: Foo::Bar versions before 1.05 for Perl ...");
    MailService.Queued q =
        mail.send(
            MailPurpose.FORWARD_TO_MAINTAINER,
            caseId,
            Recipients.to(maintainer),
            values,
            "case:" + caseId + ":FORWARD_TO_MAINTAINER:" + maintainer);
    awaitStatus(q.id(), "SENT");
    MimeMessage m = single(inbox(maintainer));
    assertThat(addresses(m, Message.RecipientType.TO)).containsExactly(maintainer);
    assertThat(m.getHeader("Cc")).isNull();
    assertThat((String) m.getContent())
        .contains("because you are a maintainer of Foo-Bar", "Foo::Bar versions before 1.05");
    assertThat(mail.mailsOfCase(caseId))
        .singleElement()
        .satisfies(s -> assertThat(s.purpose()).isEqualTo("FORWARD_TO_MAINTAINER"));
  }

  @Test
  void aMissingValueOrABadAddressIsRefusedAndNothingIsQueued() {
    long caseId = newCase(false);
    Map<String, String> values = new HashMap<>(contactValues());
    values.remove("planned_date");
    String key = "case:" + caseId + ":MAINTAINER_CONTACT:x@example.org";
    assertThatThrownBy(
            () ->
                mail.send(
                    MailPurpose.MAINTAINER_CONTACT,
                    caseId,
                    Recipients.to("x@example.org"),
                    values,
                    key))
        .isInstanceOf(MailTemplateException.class)
        .hasMessageContaining("no value for {{planned_date}}");
    assertThat(rowsWithKey(key)).isZero();
    assertThatThrownBy(() -> Recipients.to("Evil <x@example.org>\r\nBcc: y@example.org"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not one plain address");
    values.put("planned_date", "2026-12-14\nBcc: y@example.org");
    values.put("cve", "CVE-2026-1\nBcc: y@example.org");
    assertThatThrownBy(
            () ->
                mail.send(
                    MailPurpose.MAINTAINER_CONTACT,
                    caseId,
                    Recipients.to("x@example.org"),
                    values,
                    key))
        .hasMessageContaining("{{cve}} has a line break");
  }

  @Test
  void twoSendersOnTwoConnectionPoolsNeverSendARowTwice() throws Exception {
    int n = 30;
    String tag = unique("race");
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(
          outbox.enqueue(new QueuedMail(tag + i + "@example.org", "Race " + i, "Body " + i), null));
    }
    try (HikariDataSource other = new HikariDataSource()) {
      other.setJdbcUrl(env.getRequiredProperty("spring.datasource.url"));
      other.setUsername(env.getRequiredProperty("spring.datasource.username"));
      other.setPassword(env.getProperty("spring.datasource.password", ""));
      JdbcClient otherJdbc = JdbcClient.create(other);
      Clock clock = Clock.systemUTC();
      OutboxSender second =
          new OutboxSender(
              new Outbox(otherJdbc, clock),
              smtpClient,
              properties.mail(),
              new SyncTaskExecutor(),
              new RecipientKeys(otherJdbc, clock),
              new SensitiveCases(otherJdbc),
              null,
              clock);
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<?> a = pool.submit(() -> awaitThen(go, sender::retryDue));
        Future<?> b = pool.submit(() -> awaitThen(go, second::retryDue));
        go.countDown();
        a.get(120, TimeUnit.SECONDS);
        b.get(120, TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
      }
    }
    int received = 0;
    for (int i = 0; i < n; i++) {
      received += inbox(tag + i + "@example.org").size();
    }
    assertThat(received).isEqualTo(n);
    for (long id : ids) {
      assertThat(outbox.find(id).orElseThrow())
          .satisfies(s -> assertThat(s.status()).isEqualTo("SENT"))
          .satisfies(s -> assertThat(s.attempts()).isEqualTo(1));
    }
  }

  @Test
  void aSensitiveCaseIsRefusedWithoutKeysAndSentEncryptedOnceEveryRecipientHasOne()
      throws Exception {
    long caseId = newCase(true);
    String maintainer = unique("sens") + "@example.org";
    String key = "case:" + caseId + ":MAINTAINER_CONTACT:" + maintainer;
    keys.remove(TEAM);
    keys.add(maintainer, TestKeys.pgp(maintainer).publicKey(), admin.id());

    MailService.Queued refused =
        mail.send(
            MailPurpose.MAINTAINER_CONTACT,
            caseId,
            Recipients.to(maintainer),
            contactValues(),
            key);
    assertThat(refused.status()).isEqualTo("REFUSED");
    assertThat(refused.refusal()).contains("sensitive case", TEAM).doesNotContain(maintainer);
    assertThat(outbox.find(refused.id()).orElseThrow().lastError()).isEqualTo(refused.refusal());
    sender.retryDue();
    assertThat(inbox(maintainer)).isEmpty();
    assertThat(inbox(TEAM)).isEmpty();
    // The admin outbox page shows the refusal, without the case's subject or recipients.
    String page = adminClient().get("/admin/outbox").body();
    assertThat(page)
        .contains("mail-" + refused.id(), "REFUSED", "case #" + caseId)
        .doesNotContain("Foo-Bar", maintainer);

    // Keys for everyone (the maintainer's key replaced): the same key now queues the same mail.
    TestKeys.Pgp maintainerKey = TestKeys.pgp(maintainer);
    keys.add(maintainer, maintainerKey.publicKey(), admin.id());
    keys.add(TEAM, TEAM_KEY.publicKey(), admin.id());
    try {
      MailService.Queued queued =
          mail.send(
              MailPurpose.MAINTAINER_CONTACT,
              caseId,
              Recipients.to(maintainer),
              contactValues(),
              key);
      assertThat(queued).isEqualTo(new MailService.Queued(refused.id(), false, "QUEUED", null));
      awaitStatus(refused.id(), "SENT");
      MimeMessage m = single(inbox(maintainer));
      assertThat(m.getContentType()).startsWith("multipart/encrypted");
      assertThat(new String(raw(m), StandardCharsets.ISO_8859_1))
          .contains("-----BEGIN PGP MESSAGE-----")
          .doesNotContain("no sooner than");
      assertThat(DkimVerifier.verify(raw(m), DKIM.getPublic()).valid()).isTrue();
      MimeBodyPart clear = TestKeys.decryptor(maintainerKey).decrypt(m);
      assertThat(clear.getContent().toString())
          .contains("published no sooner than 2026-12-14, unless disclosed earlier");
      // The team can read its copy with its own key.
      MimeBodyPart teamCopy = TestKeys.decryptor(TEAM_KEY).decrypt(single(inbox(TEAM)));
      assertThat(teamCopy.getContent().toString()).contains("CVE-2026-4242");
    } finally {
      keys.remove(TEAM);
    }
  }

  @Test
  void recipientsWithAKeyGetPgpMimeTheOthersTheSameMailInPlainText() throws Exception {
    long caseId = newCase(false);
    String maintainer = unique("mixed") + "@example.org";
    keys.add(maintainer, MAINTAINER_KEY.publicKey(), admin.id());
    MailService.Queued q =
        mail.send(
            MailPurpose.MAINTAINER_CONTACT,
            caseId,
            Recipients.to(maintainer),
            contactValues(),
            "case:" + caseId + ":MAINTAINER_CONTACT:" + maintainer);
    awaitStatus(q.id(), "SENT");
    MimeMessage encrypted = single(inbox(maintainer));
    MimeMessage plain = single(inbox(TEAM));
    assertThat(PgpDecryptor.isPgpMime(encrypted)).isTrue();
    assertThat(plain.isMimeType("text/plain")).isTrue();
    for (MimeMessage m : List.of(encrypted, plain)) {
      assertThat(addresses(m, Message.RecipientType.TO)).containsExactly(maintainer);
      assertThat(addresses(m, Message.RecipientType.CC)).containsExactly(TEAM);
    }
    // The same text (GreenMail keeps the plain body without its final line end).
    assertThat(crlf(TestKeys.decryptor(MAINTAINER_KEY).decrypt(encrypted).getContent()).strip())
        .isEqualTo(crlf(plain.getContent()).strip())
        .contains("published no sooner than 2026-12-14");
    assertThat(
            jdbc.sql("SELECT sent_parts FROM outbox WHERE id = ?")
                .param(q.id())
                .query(String.class)
                .single())
        .isEqualTo("pgp,plain");
  }

  @Test
  void thePlatformKeyDecryptsWhatIsEncryptedToIt() throws Exception {
    assertThat(platform.configured()).isTrue();
    keys.add(PLATFORM, PLATFORM_KEY.publicKey(), admin.id());
    try {
      Map<String, String> values = new HashMap<>(MailPurpose.REMINDER.samples());
      values.put("task", "acknowledge the dispute");
      MailService.Queued q =
          mail.send(
              MailPurpose.REMINDER, null, Recipients.to(PLATFORM), values, unique("reminder"));
      awaitStatus(q.id(), "SENT");
      MimeMessage m = single(inbox(PLATFORM));
      assertThat(m.getSubject()).contains("acknowledge the dispute");
      assertThat(platform.decrypt(m).getContent().toString())
          .contains("on case CASE-2026-0042, assigned to you: acknowledge the dispute");
      // An armoured report text, as the intake would receive it.
      byte[] armored =
          OpenPgp.encrypt(
              "Proof of concept: perl -MFoo::Bar -e ...".getBytes(StandardCharsets.UTF_8),
              List.of(
                  OpenPgp.readPublicKey(PLATFORM_KEY.publicKey(), Instant.now()).encryptionKey()));
      assertThat(platform.decryptText(new String(armored, StandardCharsets.US_ASCII)))
          .isEqualTo("Proof of concept: perl -MFoo::Bar -e ...");
    } finally {
      keys.remove(PLATFORM);
    }
  }

  @Test
  void queueingInsideARolledBackTransactionLeavesNothingAndSendsNothing() throws Exception {
    String to = unique("rollback") + "@example.org";
    String key = unique("rollback-key");
    assertThatThrownBy(
            () ->
                tx.executeWithoutResult(
                    s -> {
                      mail.send(
                          MailPurpose.DISPUTE_ACKNOWLEDGEMENT,
                          null,
                          Recipients.to(to),
                          MailPurpose.DISPUTE_ACKNOWLEDGEMENT.samples(),
                          key);
                      throw new IllegalStateException("the caller's work failed");
                    }))
        .hasMessage("the caller's work failed");
    assertThat(rowsWithKey(key)).isZero();
    sender.retryDue();
    assertThat(inbox(to)).isEmpty();
  }

  @Test
  void adminsEditATemplateAsANewVersionWithPreviewAndHistory() throws Exception {
    WorkspaceClient web = adminClient();
    MailPurpose p = MailPurpose.DISPUTE_ACKNOWLEDGEMENT;
    int before = templates.current(p).version();
    String page = "/admin/mail-templates/dispute-acknowledgement";

    assertThat(web.get("/admin/mail-templates").body())
        .contains("Dispute acknowledgement", page)
        .as("the workspace layout and the admin navigation")
        .contains("Sign out", "aria-label=\"Administration\"", "href=\"/admin/mail-intake\"");
    HttpResponse<String> unknown =
        web.submit(
            page,
            page,
            Map.of(
                "subject",
                "{{cve}}: received",
                "body",
                "Hi {{recipient_name}} {{report_text}}",
                "action",
                "save"));
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(unknown.body()).contains("Unknown placeholder {{report_text}} in the body");
    HttpResponse<String> twoLines =
        web.submit(page, page, Map.of("subject", "a\nb", "body", "x", "action", "save"));
    assertThat(twoLines.statusCode()).isEqualTo(422);
    assertThat(twoLines.body()).contains("The subject must be one line.");
    assertThat(templates.current(p).version()).isEqualTo(before);

    String body = "Hello {{recipient_name}},\n<b>we got your dispute of {{cve}}</b>.\n";
    HttpResponse<String> preview =
        web.submit(
            page,
            page,
            Map.of("subject", "{{cve}}: dispute received", "body", body, "action", "preview"));
    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.body())
        .contains("CVE-2026-12345: dispute received", "Hello A. Disputer,", "&lt;b&gt;we got")
        .doesNotContain("<b>we got");
    assertThat(templates.current(p).version()).isEqualTo(before);

    HttpResponse<String> saved =
        web.submit(
            page,
            page,
            Map.of("subject", "{{cve}}: dispute received", "body", body, "action", "save"));
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.uri().toString()).endsWith("?saved=" + (before + 1));
    TemplateVersion now = templates.current(p);
    assertThat(now.version()).isEqualTo(before + 1);
    assertThat(now.editedBy()).isEqualTo(admin.id());
    assertThat(web.get(page + "/history").body())
        .contains(
            "dispute received", "we received your dispute", admin.username(), "shipped default");
    assertThat(web.get(page + "/versions/1").body())
        .contains("we received your dispute", "older version");

    String to = unique("disputer") + "@example.org";
    MailService.Queued q = mail.send(p, null, Recipients.to(to), p.samples(), unique("dispute"));
    awaitStatus(q.id(), "SENT");
    assertThat(single(inbox(to)).getSubject()).isEqualTo("CVE-2026-12345: dispute received");
    assertThat(
            jdbc.sql("SELECT template_version FROM outbox WHERE id = ?")
                .param(q.id())
                .query(Integer.class)
                .single())
        .isEqualTo(before + 1);
  }

  @Test
  void onlyAdminsReachTheMailPagesAndOthersAreToldWhy() {
    WorkspaceClient web =
        new WorkspaceClient(port).signIn(members.create("mail-cna", Set.of(Role.CNA_MEMBER), true));
    HttpResponse<String> cna = web.get("/admin/mail-templates/maintainer-contact");
    assertThat(cna.statusCode()).isEqualTo(403);
    assertThat(cna.body()).contains("Not for your role").doesNotContain("no sooner than");
    int before = templates.current(MailPurpose.REMINDER).version();
    HttpResponse<String> post =
        web.submit(
            "/account",
            "/admin/mail-templates/reminder",
            Map.of("subject", "x", "body", "y", "action", "save"));
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(templates.current(MailPurpose.REMINDER).version()).isEqualTo(before);
    // Nobody signed in: sent to the sign-in page, shown nothing.
    WorkspaceClient nobody = new WorkspaceClient(port);
    for (String path : List.of("/admin/mail-keys", "/admin/outbox", "/admin/mail-templates")) {
      HttpResponse<String> r = nobody.getNoRedirect(path);
      assertThat(r.statusCode()).as(path).isEqualTo(302);
      assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }
  }

  @Test
  void theKeysPageRefusesWhatIsNotAUsableKeyWithTheReason() {
    WorkspaceClient web = adminClient();
    String address = unique("keyed") + "@example.org";
    HttpResponse<String> garbage =
        web.submit(
            "/admin/mail-keys", "/admin/mail-keys", Map.of("email", address, "key", "not a key"));
    assertThat(garbage.statusCode()).isEqualTo(422);
    assertThat(garbage.body()).contains("not an ASCII-armoured OpenPGP public key");
    TestKeys.Pgp old =
        TestKeys.pgp(address, Instant.now().minus(Duration.ofDays(800)), Duration.ofDays(365));
    HttpResponse<String> expired =
        web.submit(
            "/admin/mail-keys",
            "/admin/mail-keys",
            Map.of("email", address, "key", old.publicKey()));
    assertThat(expired.statusCode()).isEqualTo(422);
    assertThat(expired.body()).contains("expired on");
    assertThat(keys.find(address)).isEmpty();

    TestKeys.Pgp good = TestKeys.pgp(address);
    HttpResponse<String> added =
        web.submit(
            "/admin/mail-keys",
            "/admin/mail-keys",
            Map.of("email", address.toUpperCase(), "key", good.publicKey()));
    assertThat(added.statusCode()).isEqualTo(200);
    RecipientKeys.RecipientKey stored = keys.find(address).orElseThrow();
    assertThat(stored.addedBy()).isEqualTo(admin.id());
    assertThat(added.body())
        .contains(address, stored.fingerprint(), "Test &lt;" + address + "&gt;")
        .contains(OpenPgp.fingerprint(readPlatformPublicKey()));
    keys.remove(address);
  }

  // --- helpers ---

  private static String crlf(Object text) {
    return text.toString().replace("\r\n", "\n");
  }

  private static org.bouncycastle.openpgp.PGPPublicKey readPlatformPublicKey() {
    return OpenPgp.readRing(PLATFORM_KEY.publicKey()).getPublicKey();
  }

  private static Map<String, String> contactValues() {
    Map<String, String> values = new HashMap<>(MailPurpose.MAINTAINER_CONTACT.samples());
    values.put("cve", "CVE-2026-4242");
    values.put("distribution", "Foo-Bar");
    values.put("issue", "Two-argument open() in Foo::Bar::load");
    values.put("impact", "Remote code execution for whoever controls the file name.");
    values.put("suggested_fix", "Use the three-argument open.");
    values.put("planned_date", "2026-12-14");
    return values;
  }

  private long newCase(boolean sensitive) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String reference = unique("CASE");
    jdbc.sql(
            "INSERT INTO cna_case (reference, state, title, distribution, sensitive, reported_at,"
                + " created_at, updated_at) VALUES (?, 'MAINTAINER_CONTACTED', ?, 'Foo-Bar', ?, ?,"
                + " ?, ?)")
        .params(reference, "Shell injection in Foo::Bar", sensitive, now, now, now)
        .update();
    return jdbc.sql("SELECT id FROM cna_case WHERE reference = ?")
        .param(reference)
        .query(Long.class)
        .single();
  }

  private int rowsWithKey(String key) {
    return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE idempotency_key = ?")
        .param(key)
        .query(Integer.class)
        .single();
  }

  /** Mail goes out in the background after the commit: wait (bounded) for the row's outcome. */
  private void awaitStatus(long id, String status) throws InterruptedException {
    for (int i = 0; i < 400 && !status.equals(outbox.find(id).orElseThrow().status()); i++) {
      Thread.sleep(50);
    }
    Outbox.Summary s = outbox.find(id).orElseThrow();
    assertThat(s.status()).as("mail %d: %s", id, s.lastError()).isEqualTo(status);
  }

  /** The messages delivered to one envelope recipient's mailbox. */
  private List<MimeMessage> inbox(String address) throws FolderException {
    GreenMailUser user = smtp.getUserManager().getUserByEmail(address);
    if (user == null) {
      return List.of();
    }
    return smtp.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
        .map(StoredMessage::getMimeMessage)
        .toList();
  }

  private static MimeMessage single(List<MimeMessage> messages) {
    assertThat(messages).hasSize(1);
    return messages.get(0);
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

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  private static void awaitThen(CountDownLatch go, Runnable r) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    r.run();
  }

  private static Path keyFiles() {
    try {
      Path dir = Files.createTempDirectory("cpansec-mail-keys-");
      Files.writeString(dir.resolve("dkim.pem"), TestKeys.pkcs8Pem(DKIM));
      Files.writeString(dir.resolve("platform.asc"), PLATFORM_KEY.secretKey());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
