package org.cpansec.server.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.cpansec.server.H2Server;
import org.cpansec.server.account.TestMembers;
import org.cpansec.server.account.WorkspaceClient;
import org.cpansec.server.browser.HeadlessChromium;
import org.cpansec.server.cases.Cases;
import org.cpansec.server.cases.Fixtures;
import org.cpansec.server.cases.NewCase;
import org.cpansec.server.cases.SignedMembers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The record editor in headless Chromium (Debian's chromium and chromium-driver): a CNA member
 * signs in (password, then code) and goes from the case page to its record editor, types one of the
 * group's records into the editor and watches the live check and both previews follow the text,
 * breaks it and sees the error at its line, then saves. Screenshots go to {@code
 * target/screenshots/}. Without Chromium the test is skipped, except under {@code CI=true}.
 */
@H2Server
class RecordEditorBrowserTest {
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static WebDriver browser;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RecordCheck check;
  @Autowired ApplicationContext context;
  @Autowired Clock clock;
  @Autowired Cases cases;

  @BeforeAll
  static void start() throws IOException {
    browser = HeadlessChromium.start(1400, 1200, Duration.ZERO);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  /** Signs in through the browser: the password form, then the code form. */
  private void signIn(TestMembers.TestMember m) {
    browser.manage().deleteAllCookies();
    browser.get("http://127.0.0.1:" + port + "/login");
    type("username", m.username());
    type("password", m.password());
    go(By.cssSelector("#login button"));
    assertThat(browser.getCurrentUrl()).endsWith("/login/totp");
    type("code", new WorkspaceClient(port, clock).nextCode(m.totpSecret()));
    go(By.cssSelector("#totp button"));
    assertThat(browser.getCurrentUrl()).endsWith("/cna");
  }

  private static void type(String id, String text) {
    by(id).clear();
    by(id).sendKeys(text);
  }

  /** Clicks something that loads a new page and waits until the new page is there. */
  private static void go(By target) {
    ((JavascriptExecutor) browser).executeScript("window.cpansecOldPage = true;");
    browser.findElement(target).click();
    until(
        "the next page",
        () ->
            Boolean.TRUE.equals(
                ((JavascriptExecutor) browser)
                    .executeScript(
                        "return window.cpansecOldPage === undefined"
                            + " && document.readyState === 'complete';")));
  }

  private static void shot(String name) throws IOException {
    Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static WebElement by(String id) {
    return browser.findElement(By.id(id));
  }

  private static String text(String id) {
    return by(id).getDomProperty("textContent");
  }

  private static void until(String what, java.util.function.BooleanSupplier condition) {
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .withMessage(what)
        .until(d -> condition.getAsBoolean());
  }

  /** Waits until the page shows exactly what the server's check says about this text. */
  private void showsCheckOf(String yaml, boolean strict, String cve) {
    CheckResult expected = check.check(yaml, strict, cve);
    until(
        "the live check of the typed text",
        () ->
            text("check-status").equals(expected.summary())
                && text("preview-json")
                    .equals(
                        expected.cveJson() == null
                            ? "No preview: the record does not build yet."
                            : expected.cveJson())
                && browser.findElements(By.cssSelector("#errors li")).size()
                    == expected.errors().size());
    assertThat(by("yaml").getDomProperty("value")).isEqualTo(yaml);
    if (expected.announcement() != null) {
      assertThat(text("preview-announcement")).isEqualTo(expected.announcement());
    }
  }

  @Test
  void typingUpdatesTheLiveCheckAndThePreviewsThenSaving() throws Exception {
    Workspace ws = new Workspace(jdbc);
    Fixtures fx = new Fixtures(jdbc);
    SignedMembers.Signed carla = new SignedMembers(context, port).cna("carla");
    signIn(carla.account());
    String ref =
        cases.create(
            new NewCase(
                "Weak random numbers for the captcha",
                "Mojolicious-Plugin-CaptchaPNG",
                "1.05",
                false),
            carla.viewer());
    String cve = "CVE-2025-40916";
    ws.hold(fx.caseId(ref), cve);
    // From the case page to the record editor of its CVE ID.
    browser.get("http://127.0.0.1:" + port + "/cna/cases/" + ref);
    shot("record-case-page");
    go(By.id("record-link"));
    assertThat(browser.getCurrentUrl()).endsWith("/cna/cases/" + ref + "/record");
    // The editor sits in the workspace: its navigation, and a link back to the case.
    assertThat(browser.findElement(By.cssSelector("nav[aria-label=Workspace]")).getText())
        .contains("Cases", "CVE pool");
    assertThat(by("case-link").getDomAttribute("href")).isEqualTo("/cna/cases/" + ref);
    until("the editor script", () -> "on".equals(by("record-form").getDomAttribute("data-live")));
    assertThat(by("yaml").getDomProperty("value"))
        .contains(
            "module: Mojolicious::Plugin::CaptchaPNG",
            "Mojolicious::Plugin::CaptchaPNG {{VERSION_RANGE}} for Perl Weak random numbers");
    shot("record-editor-new");

    // Type the group's published record in place of the skeleton.
    String record = Files.readString(RecordContractTest.T_VAR.resolve(cve + ".yaml"));
    WebElement yaml = by("yaml");
    yaml.clear();
    yaml.sendKeys(record);
    showsCheckOf(record, false, cve);
    assertThat(text("preview-json")).contains("\"cveId\" : \"CVE-2025-40916\"");
    assertThat(text("preview-announcement"))
        .startsWith("Subject: CVE-2025-40916: Mojolicious::Plugin::CaptchaPNG version 1.05");
    shot("record-editor-typed");

    // A key the schema does not know, on a new last line: an error there, and no preview.
    String extra = "  severity: high\n";
    yaml.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), extra);
    String broken = record + extra;
    showsCheckOf(broken, false, cve);
    int lastLine = (int) broken.lines().count();
    List<WebElement> errors = browser.findElements(By.cssSelector("#errors li"));
    assertThat(errors).isNotEmpty();
    assertThat(errors.get(0).getText()).contains("schema");
    String where = errors.get(0).findElement(By.cssSelector("a.where")).getText();
    assertThat(where).startsWith(lastLine + ":").as("the error names the typed line");
    assertThat(text("preview-json")).isEqualTo("No preview: the record does not build yet.");
    shot("record-editor-error");

    // Clicking the error's place puts the caret on that line.
    errors.get(0).findElement(By.cssSelector("a.where")).click();
    Object caret =
        ((JavascriptExecutor) browser)
            .executeScript(
                "var t = document.getElementById('yaml');"
                    + " return t.value.substring(0, t.selectionStart).split('\\n').length;");
    assertThat(((Number) caret).intValue()).isEqualTo(lastLine);

    // Undo by typing: the record builds again; strict mode turns its warnings into errors.
    yaml.sendKeys(Keys.chord(Keys.CONTROL, Keys.END));
    for (int i = 0; i < extra.length(); i++) {
      yaml.sendKeys(Keys.BACK_SPACE);
    }
    showsCheckOf(record, false, cve);
    by("strict").click();
    showsCheckOf(record, true, cve);
    assertThat(text("check-status")).contains("strict");
    shot("record-editor-strict");

    // Save: a new page with the saved version.
    ((JavascriptExecutor) browser).executeScript("window.cpansecOldPage = true;");
    by("save-button").click();
    until(
        "the page after saving",
        () ->
            Boolean.TRUE.equals(
                ((JavascriptExecutor) browser)
                    .executeScript(
                        "return window.cpansecOldPage === undefined"
                            + " && document.readyState === 'complete';")));
    assertThat(text("saved")).startsWith("Saved as version 1");
    assertThat(by("yaml").getDomProperty("value")).isEqualTo(record);
    assertThat(by("strict").isSelected()).isTrue();
    shot("record-editor-saved");
  }
}
