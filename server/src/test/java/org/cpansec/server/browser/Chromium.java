package org.cpansec.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.cpansec.server.account.TestMembers;
import org.cpansec.server.account.WorkspaceClient;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's headless Chromium (Debian's chromium and chromium-driver, never a download), with
 * its own profile and so its own cookies: two of them are two members signed in at once. The steps
 * a person takes: open a page, type, click something that loads the next page, sign in with
 * password and code, sign out. Without Chromium the calling test is skipped, except under {@code
 * CI=true}, where it fails.
 */
public final class Chromium implements AutoCloseable {

  private final WebDriver driver;
  private final Path shots;
  private final String shotPrefix;
  private int port;

  private Chromium(WebDriver driver, Path shots, String shotPrefix) {
    this.driver = driver;
    this.shots = shots;
    this.shotPrefix = shotPrefix;
  }

  /** Starts a browser whose screenshots go to {@code shots/<shotPrefix><name>.png}. */
  public static Chromium start(Path shots, String shotPrefix) throws IOException {
    WebDriver driver = HeadlessChromium.start(1400, 1200, Duration.ofSeconds(5));
    Files.createDirectories(shots);
    return new Chromium(driver, shots, shotPrefix);
  }

  /** The server this browser talks to (the test's random port). */
  public Chromium at(int serverPort) {
    this.port = serverPort;
    return this;
  }

  /** The driver itself, for what the steps here do not cover (cookies, say). */
  public WebDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    driver.quit();
  }

  public void open(String path) {
    driver.get("http://127.0.0.1:" + port + path);
  }

  public String url() {
    return driver.getCurrentUrl();
  }

  /** Signs in through the pages: the password form, then the code form. */
  public void signIn(TestMembers.TestMember m, Clock clock) {
    driver.manage().deleteAllCookies();
    open("/login");
    type("username", m.username());
    type("password", m.password());
    go(By.cssSelector("#login button"));
    assertThat(url()).endsWith("/login/totp");
    type("code", new WorkspaceClient(port, clock).nextCode(m.totpSecret()));
    go(By.cssSelector("#totp button"));
    assertThat(url()).endsWith("/cna");
  }

  /** Signs out with the header's button. */
  public void signOut() {
    go(By.cssSelector("form.signout button"));
    assertThat(text("notice")).contains("You are signed out");
  }

  public void type(String id, String text) {
    by(id).clear();
    by(id).sendKeys(text);
  }

  /** A date field's value, set by script (what a typed date means depends on the locale). */
  public void setDate(String id, java.time.LocalDate date) {
    ((JavascriptExecutor) driver)
        .executeScript("arguments[0].value = arguments[1];", by(id), date.toString());
  }

  public void choose(String id, String value) {
    new Select(by(id)).selectByValue(value);
  }

  public void go(By target) {
    go(null, target);
  }

  /**
   * Clicks something that loads a new page and waits until the new page replaced the old (the old
   * page's window is marked; every new document has a fresh window).
   */
  public void go(WebElement within, By target) {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript("window.cpansecOldPage = true;");
    (within == null ? driver.findElement(target) : within.findElement(target)).click();
    until(
        "the next page",
        () ->
            Boolean.TRUE.equals(
                js.executeScript(
                    "return window.cpansecOldPage === undefined"
                        + " && document.readyState === 'complete';")));
  }

  public WebElement by(String id) {
    return driver.findElement(By.id(id));
  }

  public WebElement find(By what) {
    return driver.findElement(what);
  }

  public java.util.List<WebElement> findAll(By what) {
    return driver.findElements(what);
  }

  /** The rendered text of the element with this id. */
  public String text(String id) {
    return by(id).getText();
  }

  /** The text of the element with this id, rendered or not (a preview may be scrolled away). */
  public String content(String id) {
    return by(id).getDomProperty("textContent");
  }

  public String main() {
    return driver.findElement(By.tagName("main")).getText();
  }

  public String source() {
    return driver.getPageSource();
  }

  public void until(String what, BooleanSupplier condition) {
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .withMessage(what)
        .until(d -> condition.getAsBoolean());
  }

  /** Looks for elements that may be absent without waiting the implicit timeout. */
  public boolean absent(By what) {
    driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    try {
      return driver.findElements(what).isEmpty();
    } finally {
      driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }
  }

  /** A screenshot with the element of this id scrolled to the top of the window. */
  public void shot(String name, String showing) throws IOException {
    ((JavascriptExecutor) driver)
        .executeScript("arguments[0].scrollIntoView({block: 'start'});", by(showing));
    shot(name);
  }

  public void shot(String name) throws IOException {
    Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, shots.resolve(shotPrefix + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
