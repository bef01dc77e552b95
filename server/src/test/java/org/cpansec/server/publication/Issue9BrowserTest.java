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
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.server.TestDatabases;
import org.cpansec.server.account.Role;
import org.cpansec.server.account.TestMembers;
import org.cpansec.server.account.WorkspaceClient;
import org.cpansec.server.browser.HeadlessChromium;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
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
  private static WebDriver browser;

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
    browser = HeadlessChromium.start(1400, 1200, Duration.ofSeconds(5));
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  @BeforeEach
  void startSmtp() {
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
    open("/report/vulnerability");
    type("distribution", DIST);
    type("version", "1.05");
    type(
        "downloadUrl",
        "https://cpan.metacpan.org/authors/id/G/GR/GRYPHON/Mojolicious-Plugin-CaptchaPNG-1.05.tar.gz");
    type("details", "The captcha text comes from rand(): it can be guessed. " + salt);
    type("name", "Rita Reporter");
    type("email", reporter);
    shot("01-report-form");
    go(By.cssSelector("form.report button"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).contains("your report is stored");
    shot("02-report-received");

    // 2. A CNA member who signed the agreement signs in: password, then code.
    TestMembers.TestMember carla =
        new TestMembers(context).create("carla", Set.of(Role.CNA_MEMBER), true);
    signIn(carla);
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
    shot("03-dashboard");

    // 3. The report waits for a case; the member opens one from it.
    open("/cna/reports");
    WebElement row =
        browser.findElement(By.xpath("//table[@id='reports']//tr[td[text()='" + DIST + "']]"));
    shot("04-reports");
    go(row, By.linkText("open a case"));
    assertThat(text("report")).contains(salt);
    type("title", "Weak random numbers for the captcha");
    go(By.cssSelector("main form.report button"));
    assertThat(text("notice")).contains("opened");
    String ref = browser.getCurrentUrl().replaceAll(".*/cna/cases/", "");
    assertThat(ref).matches("CPANSEC-\\d{4}-\\d+");
    assertThat(text("state")).isEqualTo("REPORTED");
    shot("05-case-opened");

    // 4. Triage.
    moveTo("TRIAGE");

    // 5. The pool is filled from CVE Services (the stand-in), and the case gets an ID: RESERVED.
    open("/cna/cve-ids");
    type("r-amount", "1");
    go(By.cssSelector("#refill button"));
    shot("06-pool-refilled");
    open("/cna/cases/" + ref);
    go(By.id("cve-ids-link"));
    go(By.cssSelector("#assign button"));
    Matcher id = Pattern.compile("CVE-\\d{4}-\\d{4,}").matcher(text("case-ids"));
    assertThat(id.find()).as("an ID assigned to the case").isTrue();
    String cve = id.group();
    assertThat(text("case-state")).isEqualTo("RESERVED");
    assertThat(standIn.state(cve)).isEqualTo("RESERVED");
    shot("07-cve-assigned");

    // 6. Contact the maintainer: preview, then send; the mail names the CVE and the distribution.
    go(By.id("case-link"));
    go(By.id("contact-maintainer"));
    type("maintainer-name", "Gryphon Maintainer");
    type("maintainer-email", maintainer);
    assertThat(by("distribution").getDomProperty("value")).isEqualTo(DIST);
    type("issue", "The captcha text and noise come from rand().");
    type("impact", "Captchas can be predicted and bypassed.");
    type("suggested-fix", "Use a cryptographically secure random source.");
    go(By.id("contact-preview"));
    assertThat(text("preview")).contains(cve + ": security issue in " + DIST);
    shot("08-contact-preview");
    go(By.id("contact-send"));
    assertThat(browser.findElement(By.tagName("main")).getText()).contains(cve + " is now shared");
    assertThat(text("state")).isEqualTo("MAINTAINER_CONTACTED");
    LocalDate planned = LocalDate.parse(text("planned-date").strip().substring(0, 10));
    shot("09-maintainer-contacted");
    MimeMessage contact = awaitMail(maintainer, subject(cve + ": security issue in " + DIST));
    Matcher link = LINK.matcher(body(contact));
    assertThat(link.find()).as("the maintainer's link in the mail").isTrue();

    // 7. The maintainer opens their link (no workspace session) and asks for a later date.
    Cookie session = browser.manage().getCookieNamed("SESSION");
    browser.manage().deleteAllCookies();
    open(link.group(1));
    LocalDate wanted = planned.plusDays(14);
    setDate("extension-date", wanted);
    type("extension-reason", "The fix needs a new release of a dependency first.");
    shot("10-maintainer-page");
    go(By.id("extension-request"));
    assertThat(text("extension-requests")).contains(wanted.toString());
    shot("11-extension-requested");

    // 8. The member grants it; the maintainer is told by mail.
    browser.manage().deleteAllCookies();
    browser.manage().addCookie(session);
    open("/cna/cases/" + ref);
    WebElement grant = browser.findElement(By.cssSelector("button[id^='extension-grant-']"));
    String request = grant.getDomAttribute("id").substring("extension-grant-".length());
    type("extension-reason-" + request, "A dependency must be released first.");
    shot("12-extension-request-on-case");
    go(By.id("extension-grant-" + request));
    assertThat(text("notice")).contains("Extension granted");
    assertThat(text("planned-date")).contains(wanted.toString());
    shot("13-extension-granted");
    MimeMessage granted = awaitMail(maintainer, subject(cve + ": disclosure date for"));
    assertThat(granted.getSubject()).isEqualTo(cve + ": disclosure date for " + DIST + " extended");
    assertThat(body(granted)).contains(planned.toString(), wanted.toString());

    // 9. The record, typed into the record editor: the group's record of 1.05, with this CVE ID.
    moveTo("EMBARGO");
    moveTo("DRAFTING");
    go(By.id("record-link"));
    until("the editor script", () -> "on".equals(by("record-form").getDomAttribute("data-live")));
    String record = Files.readString(T_VAR.resolve(RECORD + ".yaml")).replace(RECORD, cve);
    WebElement yaml = by("yaml");
    yaml.clear();
    yaml.sendKeys(record);
    // The page shows what the server's check says about exactly this text: a valid record.
    CheckResult expected = check.check(record, false, cve);
    assertThat(expected.errors()).isEmpty();
    until(
        "the live check of the typed record",
        () ->
            record.equals(by("yaml").getDomProperty("value"))
                && by("check-status").getDomProperty("textContent").equals(expected.summary())
                && expected.cveJson() != null
                && by("preview-json").getDomProperty("textContent").equals(expected.cveJson())
                && browser.findElements(By.cssSelector("#errors li")).isEmpty());
    assertThat(text("preview-json")).contains("\"cveId\" : \"" + cve + "\"");
    shot("14-record-typed");
    go(By.id("save-button"));
    assertThat(text("saved")).startsWith("Saved as version 1");
    assertThat(by("yaml").getDomProperty("value")).isEqualTo(record);
    shot("15-record-saved");

    // 10. Ready, then published (the stand-in plays CVE Services).
    go(By.id("case-link"));
    moveTo("READY_TO_PUBLISH");
    go(By.cssSelector("#publication-link a"));
    shot("16-publication-page");
    go(By.id("publish"));
    assertThat(text("notice")).contains("Every step is done.");
    List<WebElement> steps = browser.findElements(By.cssSelector("tr[data-step]"));
    assertThat(steps).hasSize(7);
    assertThat(steps).allMatch(s -> "DONE".equals(s.getDomAttribute("data-status")));
    shot("17-published");
    assertThat(standIn.state(cve)).isEqualTo("PUBLISHED");
    open("/cna/cases/" + ref);
    assertThat(text("state")).isEqualTo("PUBLISHED");

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
    open("/feeds/advisories.atom");
    assertThat(browser.getPageSource()).contains(cve);
    shot("18-atom-feed");
    open("/advisories?dist=" + DIST);
    shot("19-advisories");
    go(By.partialLinkText(cve));
    assertThat(browser.findElement(By.tagName("main")).getText())
        .contains(cve, "Mojolicious::Plugin::CaptchaPNG");
    shot("20-advisory");
  }

  // ---- the browser ---------------------------------------------------------------------------

  private void open(String path) {
    browser.get("http://127.0.0.1:" + port + path);
  }

  /** Signs in through the browser: the password form, then the code form. */
  private void signIn(TestMembers.TestMember m) {
    browser.manage().deleteAllCookies();
    open("/login");
    type("username", m.username());
    type("password", m.password());
    go(By.cssSelector("#login button"));
    assertThat(browser.getCurrentUrl()).endsWith("/login/totp");
    type("code", new WorkspaceClient(port, clock).nextCode(m.totpSecret()));
    go(By.cssSelector("#totp button"));
    assertThat(browser.getCurrentUrl()).endsWith("/cna");
  }

  /** Moves the case shown on the page through its state form. */
  private static void moveTo(String state) {
    new Select(by("to")).selectByValue(state);
    go(By.cssSelector("#state-panel form button"));
    assertThat(text("state")).isEqualTo(state);
  }

  private static void type(String id, String text) {
    by(id).clear();
    by(id).sendKeys(text);
  }

  /** A date field's value (what a typed date is depends on the browser's locale). */
  private static void setDate(String id, LocalDate date) {
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].value = arguments[1];", by(id), date.toString());
  }

  private static void go(By target) {
    go(null, target);
  }

  /** Clicks something that loads a new page and waits until the new page is there. */
  private static void go(WebElement within, By target) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript("window.cpansecOldPage = true;");
    (within == null ? browser.findElement(target) : within.findElement(target)).click();
    until(
        "the next page",
        () ->
            Boolean.TRUE.equals(
                js.executeScript(
                    "return window.cpansecOldPage === undefined"
                        + " && document.readyState === 'complete';")));
  }

  private static WebElement by(String id) {
    return browser.findElement(By.id(id));
  }

  private static String text(String id) {
    return by(id).getText();
  }

  private static void until(String what, BooleanSupplier condition) {
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .withMessage(what)
        .until(d -> condition.getAsBoolean());
  }

  private static void shot(String name) throws IOException {
    Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, SHOTS.resolve("issue9-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
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
