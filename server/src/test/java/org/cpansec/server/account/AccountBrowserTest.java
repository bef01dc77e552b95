package org.cpansec.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.cpansec.server.H2Server;
import org.cpansec.server.browser.HeadlessChromium;
import org.cpansec.server.security.Totp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
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
 * A new member in headless Chromium (the Debian packages): opens the enrolment link an admin got,
 * chooses a password, confirms the authenticator with a code, signs in with password and code,
 * meets the "sign the agreement first" notice, signs the agreement and reaches the dashboard; an
 * admin creates an account in the admin page. Screenshots go to {@code target/screenshots/} ({@code
 * account-*.png}). Runs on the shared H2 server with the default settings (30-minute idle timeout,
 * checked here). Without Chromium the test is skipped, except under {@code CI=true}.
 */
@H2Server
class AccountBrowserTest {
  private static final Path SHOTS = Paths.get("target", "screenshots");
  private static WebDriver browser;

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired Accounts accounts;
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

  @Test
  void enrolSignInWithPasswordAndCodeAndSignTheAgreement() throws IOException {
    String username = "browser-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    Accounts.Created created =
        accounts.create(
            username, "Browser Member", username + "@example.org", Set.of(Role.CNA_MEMBER), null);
    browser.manage().deleteAllCookies();
    open(created.link().url().getPath());
    assertThat(browser.findElement(By.id("enrol-username")).getText()).isEqualTo(username);
    String secret = browser.findElement(By.id("secret")).getText().replace(" ", "");
    assertThat(browser.findElement(By.id("otpauth")).getText())
        .isEqualTo("otpauth://totp/CPANSec:" + username + "?secret=" + secret + "&issuer=CPANSec");
    checkLandmarks("enrolment");
    shot("account-enrol");
    type("password", "too short");
    type("confirm", "too short");
    long step = Totp.step(java.time.Instant.now());
    type("code", Totp.code(secret, step));
    go(By.cssSelector("#enrol button"));
    assertThat(browser.findElement(By.id("problems")).getText()).contains("at least 12 characters");
    shot("account-enrol-problem");
    String password = "ferry lantern quietly 42";
    type("password", password);
    type("confirm", password);
    type("code", Totp.code(secret, step));
    go(By.cssSelector("#enrol button"));
    WorkspaceClient.stepUsed(secret, step);
    assertThat(browser.findElement(By.id("notice")).getText()).contains("Your account is ready");
    checkLandmarks("sign-in");
    shot("account-login");

    type("username", username);
    type("password", password);
    go(By.cssSelector("#login button"));
    assertThat(browser.getCurrentUrl()).endsWith("/login/totp");
    checkLandmarks("code");
    shot("account-login-totp");
    type("code", new WorkspaceClient(port).nextCode(secret));
    go(By.cssSelector("#totp button"));

    assertThat(browser.getCurrentUrl()).endsWith("/cna");
    assertThat(browser.findElement(By.tagName("h1")).getText())
        .isEqualTo("Sign the agreement first");
    checkLandmarks("notice");
    shot("account-agreement-required");
    // Every session lives in the database with the default idle timeout (30 minutes).
    Cookie session = browser.manage().getCookieNamed("SESSION");
    assertThat(session.isHttpOnly()).isTrue();
    String id =
        new String(
            Base64.getDecoder().decode(session.getValue()),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(
            jdbc.sql("SELECT MAX_INACTIVE_INTERVAL FROM SPRING_SESSION WHERE SESSION_ID = ?")
                .param(id)
                .query(Integer.class)
                .single())
        .isEqualTo(30 * 60);

    go(By.id("to-agreement"));
    assertThat(browser.findElement(By.tagName("main")).getText())
        .contains("Version 1.1", "TLP:RED");
    checkLandmarks("agreement");
    shot("account-agreement");
    browser.findElement(By.id("agree")).click();
    go(By.cssSelector("#sign button"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
    assertThat(browser.findElement(By.id("agreement")).getText()).startsWith("signed version 1.1");
    assertThat(browser.findElement(By.id("roles")).getText()).isEqualTo("CNA member");
    checkLandmarks("dashboard");
    shot("account-dashboard");

    go(By.linkText("Account"));
    checkLandmarks("account");
    shot("account-page");
    go(By.cssSelector("form.signout button"));
    assertThat(browser.findElement(By.id("notice")).getText()).contains("You are signed out");
    open("/cna");
    assertThat(browser.getCurrentUrl()).endsWith("/login");
  }

  @Test
  void anAdminCreatesAnAccountAndGetsItsLink() throws IOException {
    TestMembers.TestMember admin =
        new TestMembers(context).create("browser-admin", Set.of(Role.ADMIN, Role.CNA_MEMBER), true);
    browser.manage().deleteAllCookies();
    open("/login");
    type("username", admin.username());
    type("password", admin.password());
    go(By.cssSelector("#login button"));
    type("code", new WorkspaceClient(port).nextCode(admin.totpSecret()));
    go(By.cssSelector("#totp button"));
    go(By.linkText("Admin"));
    assertThat(browser.getCurrentUrl()).endsWith("/admin/accounts");
    String newcomer = "newcomer-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    type("username", newcomer);
    type("displayName", "New Comer");
    type("email", newcomer + "@example.org");
    browser.findElement(By.id("role-CPANSEC_MEMBER")).click();
    checkLandmarks("admin accounts");
    shot("account-admin-list");
    go(By.cssSelector("#create button"));
    assertThat(browser.findElement(By.id("enrolment-link")).getText())
        .startsWith("http://localhost:8080/enrol/");
    checkLandmarks("admin link");
    shot("account-admin-link");
  }

  private void open(String path) {
    browser.get("http://127.0.0.1:" + port + path);
  }

  private static void shot(String name) throws IOException {
    Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Clicks something that loads a new page and waits for the new page (see BrowserTest.go). */
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

  /** One h1; one header, main and footer; navigation labelled; every control labelled. */
  private static void checkLandmarks(String page) {
    browser.manage().timeouts().implicitlyWait(Duration.ZERO);
    try {
      assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang"))
          .as(page)
          .isEqualTo("en");
      assertThat(browser.findElements(By.tagName("h1"))).as(page).hasSize(1);
      for (String landmark : List.of("header", "main", "footer")) {
        assertThat(browser.findElements(By.tagName(landmark))).as(page + " " + landmark).hasSize(1);
      }
      assertThat(browser.findElements(By.cssSelector("nav:not([aria-label])"))).as(page).isEmpty();
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
        assertThat(labelled).as(page + " control " + control.getDomAttribute("name")).isTrue();
      }
    } finally {
      browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }
  }
}
