package org.cpansec.server.publication;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.server.TestDatabases;
import org.cpansec.server.account.Role;
import org.cpansec.server.account.TestMembers;
import org.cpansec.server.browser.Chromium;
import org.cpansec.server.cveid.StandInInitializer;
import org.cpansec.server.cveservices.CveServicesStandIn;
import org.cpansec.server.record.CheckResult;
import org.cpansec.server.record.RecordCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 9 from end to end in headless Chromium (the Debian packages), over H2, a real SMTP server
 * (GreenMail) and the CVE Services stand-in: a reporter submits a report with their address; a CNA
 * member signs in (password, then code), opens a case from the report, triages it, fills the pool
 * from CVE Services and assigns an ID (the case becomes RESERVED), contacts the maintainer; the
 * maintainer opens the link from the mail and asks for a later date, the member grants it; the
 * member writes the record (one of the group's published records, moved to the case's CVE ID) in
 * the record editor, moves the case to READY_TO_PUBLISH and publishes it; the announcement and both
 * forwards arrive, and the advisory is in the Atom feed and on the advisory pages. Everything goes
 * through the pages; only the dates of the date fields are set by script (a typed date depends on
 * the browser's locale). Screenshots go to {@code target/screenshots/issue9-NN-*.png}. Without
 * Chromium the test is skipped, except under {@code CI=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {TestDatabases.H2.class, StandInInitializer.class})
class Issue9BrowserTest {
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final Path T_VAR = Path.of("../core/src/test/resources/datapack/cna/t-var");
  private static final String RECORD = "CVE-2025-40916";
  private static final String DIST = "Mojolicious-Plugin-CaptchaPNG";
  private static final int SMTP_PORT = freePort();
  private static final String SITE = "https://cpansec.test";
  private static final String TEAM = "team@cpansec.test";
  private static final String ANNOUNCE = "announce-list@cpansec.test";
  private static final Pattern LINK =
      Pattern.compile(Pattern.quote(SITE) + "(/case/[A-Za-z0-9_-]+)");
  private static final Path PATCH_DIR = tempDir("cpansec-issue9-patches-");
  private static final Path FILE_DIR = tempDir("cpansec-issue9-files-");
  private static Chromium browser;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry r) {
    r.add("spring.mail.host", () -> "127.0.0.1");
    r.add("spring.mail.port", () -> SMTP_PORT);
    r.add("cpansec.mail.from", () -> "noreply@cpansec.test");
    r.add("cpansec.mail.team-address", () -> TEAM);
    r.add("cpansec.mail.poll-interval", () -> "PT1H");
    r.add("cpansec.site.base-url", () -> SITE);
    r.add("cpansec.clocks.reminders.enabled", () -> "false");
    r.add("cpansec.publication.announce-address", () -> ANNOUNCE);
    r.add("cpansec.publication.patch-dir", PATCH_DIR::toString);
    r.add("cpansec.cases.attachment-dir", FILE_DIR::toString);
  }

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;
  @Autowired CveServicesStandIn standIn;
  @Autowired RecordCheck check;

  private GreenMail smtp;

  @BeforeAll
  static void start() throws IOException {
    browser = Chromium.start(SHOTS, "issue9-");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void startSmtp() {
    browser.at(port);
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  @Test
  void reportToPublishedAdvisoryThroughThePages() throws Exception {
    String salt = UUID.randomUUID().toString().substring(0, 8);
    String reporter = "rita-" + salt + "@example.org";
    String maintainer = "gryphon-" + salt + "@example.org";

    // 1. The reporter submits the report, with their address.
    browser.open("/report/vulnerability");
    browser.type("distribution", DIST);
    browser.type("version", "1.05");
    browser.type(
        "downloadUrl",
        "https://cpan.metacpan.org/authors/id/G/GR/GRYPHON/Mojolicious-Plugin-CaptchaPNG-1.05.tar.gz");
    browser.type("details", "The captcha text comes from rand(): it can be guessed. " + salt);
    browser.type("name", "Rita Reporter");
    browser.type("email", reporter);
    browser.shot("01-report-form");
    browser.go(By.cssSelector("form.report button"));
    assertThat(browser.find(By.tagName("h1")).getText()).contains("your report is stored");
    browser.shot("02-report-received");

    // 2. A CNA member who signed the agreement signs in: password, then code.
    TestMembers.TestMember carla =
        new TestMembers(context).create("carla", Set.of(Role.CNA_MEMBER), true);
    browser.signIn(carla, clock);
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Dashboard");
    browser.shot("03-dashboard");

    // 3. The report waits for a case; the member opens one from it.
    browser.open("/cna/reports");
    WebElement row =
        browser.find(By.xpath("//table[@id='reports']//tr[td[text()='" + DIST + "']]"));
    browser.shot("04-reports");
    browser.go(row, By.linkText("open a case"));
    assertThat(browser.text("report")).contains(salt);
    browser.type("title", "Weak random numbers for the captcha");
    browser.go(By.cssSelector("main form.report button"));
    assertThat(browser.text("notice")).contains("opened");
    String ref = browser.url().replaceAll(".*/cna/cases/", "");
    assertThat(ref).matches("CPANSEC-\\d{4}-\\d+");
    assertThat(browser.text("state")).isEqualTo("REPORTED");
    browser.shot("05-case-opened");

    // 4. Triage.
    moveTo("TRIAGE");

    // 5. The pool is filled from CVE Services (the stand-in), and the case gets an ID: RESERVED.
    browser.open("/cna/cve-ids");
    browser.type("r-amount", "1");
    browser.go(By.cssSelector("#refill button"));
    browser.shot("06-pool-refilled");
    browser.open("/cna/cases/" + ref);
    browser.go(By.id("cve-ids-link"));
    browser.go(By.cssSelector("#assign button"));
    Matcher id = Pattern.compile("CVE-\\d{4}-\\d{4,}").matcher(browser.text("case-ids"));
    assertThat(id.find()).as("an ID assigned to the case").isTrue();
    String cve = id.group();
    assertThat(browser.text("case-state")).isEqualTo("RESERVED");
    assertThat(standIn.state(cve)).isEqualTo("RESERVED");
    browser.shot("07-cve-assigned");

    // 6. Contact the maintainer: preview, then send; the mail names the CVE and the distribution.
    browser.go(By.id("case-link"));
    browser.go(By.id("contact-maintainer"));
    browser.type("maintainer-name", "Gryphon Maintainer");
    browser.type("maintainer-email", maintainer);
    assertThat(browser.by("distribution").getDomProperty("value")).isEqualTo(DIST);
    browser.type("issue", "The captcha text and noise come from rand().");
    browser.type("impact", "Captchas can be predicted and bypassed.");
    browser.type("suggested-fix", "Use a cryptographically secure random source.");
    browser.go(By.id("contact-preview"));
    assertThat(browser.text("preview")).contains(cve + ": security issue in " + DIST);
    browser.shot("08-contact-preview");
    browser.go(By.id("contact-send"));
    assertThat(browser.find(By.tagName("main")).getText()).contains(cve + " is now shared");
    assertThat(browser.text("state")).isEqualTo("MAINTAINER_CONTACTED");
    LocalDate planned = LocalDate.parse(browser.text("planned-date").strip().substring(0, 10));
    browser.shot("09-maintainer-contacted");
    MimeMessage contact = awaitMail(maintainer, subject(cve + ": security issue in " + DIST));
    Matcher link = LINK.matcher(body(contact));
    assertThat(link.find()).as("the maintainer's link in the mail").isTrue();

    // 7. The maintainer opens their link (no workspace session) and asks for a later date.
    Cookie session = browser.driver().manage().getCookieNamed("SESSION");
    browser.driver().manage().deleteAllCookies();
    browser.open(link.group(1));
    LocalDate wanted = planned.plusDays(14);
    browser.setDate("extension-date", wanted);
    browser.type("extension-reason", "The fix needs a new release of a dependency first.");
    browser.shot("10-maintainer-page");
    browser.go(By.id("extension-request"));
    assertThat(browser.text("extension-requests")).contains(wanted.toString());
    browser.shot("11-extension-requested");

    // 8. The member grants it; the maintainer is told by mail.
    browser.driver().manage().deleteAllCookies();
    browser.driver().manage().addCookie(session);
    browser.open("/cna/cases/" + ref);
    WebElement grant = browser.find(By.cssSelector("button[id^='extension-grant-']"));
    String request = grant.getDomAttribute("id").substring("extension-grant-".length());
    browser.type("extension-reason-" + request, "A dependency must be released first.");
    browser.shot("12-extension-request-on-case");
    browser.go(By.id("extension-grant-" + request));
    assertThat(browser.text("notice")).contains("Extension granted");
    assertThat(browser.text("planned-date")).contains(wanted.toString());
    browser.shot("13-extension-granted");
    MimeMessage granted = awaitMail(maintainer, subject(cve + ": disclosure date for"));
    assertThat(granted.getSubject()).isEqualTo(cve + ": disclosure date for " + DIST + " extended");
    assertThat(body(granted)).contains(planned.toString(), wanted.toString());

    // 9. The record, typed into the record editor: the group's record of 1.05, with this CVE ID.
    moveTo("EMBARGO");
    moveTo("DRAFTING");
    browser.go(By.id("record-link"));
    browser.until(
        "the editor script",
        () -> "on".equals(browser.by("record-form").getDomAttribute("data-live")));
    String record = Files.readString(T_VAR.resolve(RECORD + ".yaml")).replace(RECORD, cve);
    WebElement yaml = browser.by("yaml");
    yaml.clear();
    yaml.sendKeys(record);
    // The page shows what the server's check says about exactly this text: a valid record.
    CheckResult expected = check.check(record, false, cve);
    assertThat(expected.errors()).isEmpty();
    browser.until(
        "the live check of the typed record",
        () ->
            record.equals(browser.by("yaml").getDomProperty("value"))
                && browser
                    .by("check-status")
                    .getDomProperty("textContent")
                    .equals(expected.summary())
                && expected.cveJson() != null
                && browser
                    .by("preview-json")
                    .getDomProperty("textContent")
                    .equals(expected.cveJson())
                && browser.findAll(By.cssSelector("#errors li")).isEmpty());
    assertThat(browser.text("preview-json")).contains("\"cveId\" : \"" + cve + "\"");
    browser.shot("14-record-typed");
    browser.go(By.id("save-button"));
    assertThat(browser.text("saved")).startsWith("Saved as version 1");
    assertThat(browser.by("yaml").getDomProperty("value")).isEqualTo(record);
    browser.shot("15-record-saved");

    // 10. Ready, then published (the stand-in plays CVE Services).
    browser.go(By.id("case-link"));
    moveTo("READY_TO_PUBLISH");
    browser.go(By.cssSelector("#publication-link a"));
    browser.shot("16-publication-page");
    browser.go(By.id("publish"));
    assertThat(browser.text("notice")).contains("Every step is done.");
    List<WebElement> steps = browser.findAll(By.cssSelector("tr[data-step]"));
    assertThat(steps).hasSize(7);
    assertThat(steps).allMatch(s -> "DONE".equals(s.getDomAttribute("data-status")));
    browser.shot("17-published");
    assertThat(standIn.state(cve)).isEqualTo("PUBLISHED");
    browser.open("/cna/cases/" + ref);
    assertThat(browser.text("state")).isEqualTo("PUBLISHED");

    // 11. The announcement and both forwards arrive.
    MimeMessage list = awaitMail(ANNOUNCE, subject(cve));
    assertThat(list.getSubject()).startsWith(cve + ": Mojolicious::Plugin::CaptchaPNG");
    assertThat(body(list)).contains("CPAN Security Group", DIST);
    MimeMessage forward =
        awaitMail(maintainer, subject(cve).and(m -> body(m).contains("because you are")));
    assertThat(body(forward)).contains("because you are a maintainer of " + DIST);
    MimeMessage toReporter = awaitMail(reporter, subject(cve));
    assertThat(body(toReporter)).contains("you reported the issue in " + DIST);

    // 12. The advisory is in the Atom feed and on the advisory pages.
    browser.open("/feeds/advisories.atom");
    assertThat(browser.source()).contains(cve);
    browser.shot("18-atom-feed");
    browser.open("/advisories?dist=" + DIST);
    browser.shot("19-advisories");
    browser.go(By.partialLinkText(cve));
    assertThat(browser.find(By.tagName("main")).getText())
        .contains(cve, "Mojolicious::Plugin::CaptchaPNG");
    browser.shot("20-advisory");
  }

  // ---- the browser ---------------------------------------------------------------------------

  /** Moves the case shown on the page through its state form. */
  private static void moveTo(String state) {
    browser.choose("to", state);
    browser.go(By.cssSelector("#state-panel form button"));
    assertThat(browser.text("state")).isEqualTo(state);
  }

  // ---- mail ----------------------------------------------------------------------------------

  /**
   * Waits (at most 30 s) for exactly one mail that matches in the mailbox of {@code address} (a
   * mail with a Cc is stored once per recipient), and returns it.
   */
  private MimeMessage awaitMail(String address, Predicate<MimeMessage> which)
      throws InterruptedException, FolderException {
    Predicate<MimeMessage> match = to(address).and(which);
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<MimeMessage> found = inbox(address).stream().filter(match).toList();
      if (!found.isEmpty()) {
        assertThat(found).hasSize(1);
        return found.get(0);
      }
      smtp.waitForIncomingEmail(500, smtp.getReceivedMessages().length + 1);
    }
    throw new AssertionError("no such mail arrived");
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

  private static String body(MimeMessage m) {
    return GreenMailUtil.getBody(m).replace("=\r\n", "").replace("\r\n", "\n");
  }

  private static Predicate<MimeMessage> to(String address) {
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

  private static Predicate<MimeMessage> subject(String part) {
    return m -> {
      try {
        return m.getSubject() != null && m.getSubject().contains(part);
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

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
