package org.cpansec.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.cpansec.server.H2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * End to end in headless Chromium (the Debian packages, never a download): search, open an advisory
 * and a distribution, fill and submit each report form, follow the tracking link. Screenshots go to
 * {@code target/screenshots/}. Without Chromium the test is skipped, except under {@code CI=true},
 * where it fails.
 */
@H2Server
class BrowserTest {
  private static final Path SHOTS = Paths.get("target", "screenshots");
  private static WebDriver browser;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @BeforeAll
  static void start() throws IOException {
    browser = HeadlessChromium.start(1280, 1000, Duration.ofSeconds(5));
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  @BeforeEach
  void freshRateLimit() {
    jdbc.sql("DELETE FROM submission").update();
  }

  private void open(String path) {
    browser.get("http://127.0.0.1:" + port + path);
  }

  private static void shot(String name) throws IOException {
    Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(
        png, SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Clicks something that loads a new page, and waits until the new page replaced the old: the old
   * page's window is marked, and every new document gets a fresh window. (Waiting for the old
   * element to go stale raced: ChromeDriver sometimes answers "node does not belong to the
   * document" instead of a stale-element error.)
   */
  private static void go(By target) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript("window.cpansecOldPage = true;");
    browser.findElement(target).click();
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(
            d ->
                Boolean.TRUE.equals(
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "return window.cpansecOldPage === undefined"
                                + " && document.readyState === 'complete';")));
  }

  private static void type(String id, String text) {
    browser.findElement(By.id(id)).clear();
    browser.findElement(By.id(id)).sendKeys(text);
  }

  @Test
  void everyPageHasLandmarksOneHeadingAndLabelledControls() {
    // Pages are loaded; checking for absent elements must not wait the implicit timeout.
    browser.manage().timeouts().implicitlyWait(Duration.ZERO);
    try {
      checkLandmarksHeadingsAndLabels();
    } finally {
      browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }
  }

  private void checkLandmarksHeadingsAndLabels() {
    for (String path :
        java.util.List.of(
            "/",
            "/advisories",
            "/advisories/CVE-2023-31486",
            "/dists/HTTP-Tiny",
            "/docs/how-to-report",
            "/report",
            "/report/vulnerability",
            "/report/malware",
            "/report/account",
            "/report/perl",
            "/no/such/page")) {
      open(path);
      assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang"))
          .as(path)
          .isEqualTo("en");
      assertThat(browser.findElements(By.tagName("h1"))).as(path).hasSize(1);
      for (String landmark : java.util.List.of("header", "main", "footer")) {
        assertThat(browser.findElements(By.tagName(landmark))).as(path + " " + landmark).hasSize(1);
      }
      // Several navigation landmarks are fine when each says what it is.
      assertThat(browser.findElements(By.cssSelector("nav[aria-label='Main']")))
          .as(path)
          .hasSize(1);
      assertThat(browser.findElements(By.cssSelector("nav:not([aria-label])"))).as(path).isEmpty();
      for (WebElement control : browser.findElements(By.cssSelector("input, select, textarea"))) {
        String type = control.getDomAttribute("type");
        if ("hidden".equals(type) || "submit".equals(type)) {
          continue;
        }
        boolean wrapped = !control.findElements(By.xpath("ancestor::label")).isEmpty();
        String id = control.getDomAttribute("id");
        boolean labelled =
            wrapped
                || (id != null
                    && !id.isEmpty()
                    && !browser.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty());
        assertThat(labelled).as(path + " control " + control.getDomAttribute("name")).isTrue();
      }
    }
  }

  @Test
  void searchOpenAdvisoryAndDistribution() throws IOException {
    open("/");
    shot("home");
    go(By.linkText("Advisories"));
    type("dist", "HTTP-Tiny");
    type("q", "SSL");
    go(By.cssSelector("form.search button"));
    shot("advisories-search");
    go(By.linkText("CPANSA-HTTP-Tiny-2023-31486"));
    assertThat(browser.findElement(By.tagName("h1")).getText())
        .isEqualTo("CPANSA-HTTP-Tiny-2023-31486");
    assertThat(browser.findElement(By.linkText("CVE-2023-31486")).getDomProperty("href"))
        .isEqualTo("https://www.cve.org/CVERecord?id=CVE-2023-31486");
    shot("advisory");
    go(By.cssSelector(".subtitle a"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("HTTP-Tiny");
    assertThat(browser.findElements(By.cssSelector("tr.st-affected"))).isNotEmpty();
    shot("distribution");
  }

  @Test
  void reportAVulnerabilityAndFollowTheTrackingLink() throws IOException {
    open("/report");
    go(By.partialLinkText("vulnerability in a CPAN distribution"));
    go(By.cssSelector("form.report button"));
    assertThat(browser.findElement(By.id("form-errors")).getText())
        .contains("Name the distribution");
    shot("report-errors");
    type("distribution", "HTTP-Tiny");
    type("version", "0.082");
    type(
        "downloadUrl", "https://cpan.metacpan.org/authors/id/D/DA/DAGOLDEN/HTTP-Tiny-0.082.tar.gz");
    type("details", "<script>alert('x')</script> verify_SSL is off by default.");
    browser.findElement(By.name("credit")).click();
    go(By.cssSelector("form.report button"));
    WebDriver b = browser;
    assertThat(b.findElement(By.tagName("h1")).getText()).contains("your report is stored");
    shot("report-received");
    go(By.id("tracking-link"));
    assertThat(b.findElement(By.id("status")).getText()).isEqualTo("reported");
    type("note", "It also affects 0.080 <b>bold</b>.");
    go(By.cssSelector("form.report button"));
    assertThat(b.findElement(By.tagName("main")).getText())
        .contains("It also affects 0.080 <b>bold</b>.");
    shot("tracking");
  }

  @Test
  void reportMalwareAndACompromisedAccount() throws IOException {
    open("/report/malware");
    type("distribution", "Typo-Squat");
    type("version", "1.0");
    type("downloadUrl", "https://cpan.metacpan.org/authors/id/X/XX/XXX/Typo-Squat-1.0.tar.gz");
    type("details", "Makefile.PL posts ~/.ssh to a remote host.");
    java.nio.file.Path evidence =
        java.nio.file.Path.of("../core/src/test/resources/datapack/README.md").toAbsolutePath();
    browser.findElement(By.id("attachments")).sendKeys(evidence.normalize().toString());
    shot("malware-attachment");
    go(By.cssSelector("form.report button"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).contains("your report is stored");
    go(By.id("tracking-link"));
    assertThat(browser.findElement(By.id("attachments")).getText())
        .contains("README.md", "KiB")
        .doesNotContain("http");
    shot("malware-tracking-attachment");
    open("/report/account");
    type("pauseId", "SOMEONE");
    type("evidence", "password: hunter2hunter2 was posted in a paste");
    go(By.cssSelector("form.report button"));
    assertThat(browser.findElement(By.id("secret-warning")).getText()).contains("a password");
    shot("account-secret-warning");
    browser.findElement(By.name("secretsChecked")).click();
    go(By.cssSelector("form.report button"));
    shot("account-received");
    go(By.id("tracking-link"));
    assertThat(browser.findElement(By.id("status")).getText())
        .isEqualTo("forwarded to pause admins");
  }
}
