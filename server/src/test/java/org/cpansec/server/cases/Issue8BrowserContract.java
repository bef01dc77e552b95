package org.cpansec.server.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.cpansec.server.account.Role;
import org.cpansec.server.account.TestMembers;
import org.cpansec.server.browser.Chromium;
import org.cpansec.server.record.CheckResult;
import org.cpansec.server.record.RecordCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Issue 8 from end to end in headless Chromium: a reporter submits a report through the public
 * form; a CNA member signs in (password, then code), opens a case from the report and triages it
 * (scope, severity, an authentication bypass that makes it HIGH PRIORITY, a label, the blast
 * radius, a duplicate search); two CNA members, each in a browser of their own, vote, and the page
 * shows the two-member rule's outcome only after the second vote; the member imports reserved IDs
 * of two years into the pool, records that the issue was first made public last year, and assigns
 * the ID the year rule picks: last year's lowest (the case becomes RESERVED); in the record editor
 * the group's published record first fails the live check (it names another CVE ID) and then
 * passes, with both previews, and is saved. A member who has not signed the agreement, and an admin
 * without a member role, open the case's pages and see nothing of it. Screenshots go to {@code
 * target/screenshots/<prefix>NN-*.png}.
 */
abstract class Issue8BrowserContract {
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final Path T_VAR = Path.of("../core/src/test/resources/datapack/cna/t-var");
  private static final String PUBLISHED = "CVE-2025-40933";
  private static final String DIST = "Apache-AuthAny";

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired Clock clock;
  @Autowired RecordCheck check;

  private Chromium carlaBrowser;
  private Chromium dmitriBrowser;

  /** The start of every screenshot's name, e.g. {@code issue8-}. */
  abstract String shotPrefix();

  @BeforeEach
  void startBrowsers() throws IOException {
    carlaBrowser = Chromium.start(SHOTS, shotPrefix()).at(port);
    dmitriBrowser = Chromium.start(SHOTS, shotPrefix()).at(port);
  }

  @AfterEach
  void stopBrowsers() {
    if (carlaBrowser != null) {
      carlaBrowser.close();
    }
    if (dmitriBrowser != null) {
      dmitriBrowser.close();
    }
  }

  @Test
  void reportToValidatedRecordWithTwoVotersAndTheEmbargoHolding() throws Exception {
    String salt = UUID.randomUUID().toString().substring(0, 8);
    TestMembers members = new TestMembers(context);
    TestMembers.TestMember carla = members.create("carla", Set.of(Role.CNA_MEMBER), true);
    TestMembers.TestMember dmitri = members.create("dmitri", Set.of(Role.CNA_MEMBER), true);
    Chromium a = carlaBrowser;
    Chromium b = dmitriBrowser;

    // 1. Someone reports through the public form (no account), in what becomes Dmitri's browser.
    b.open("/report/vulnerability");
    b.type("distribution", DIST);
    b.type("version", "0.201");
    b.type(
        "downloadUrl",
        "https://cpan.metacpan.org/authors/id/K/KG/KGOLDOV/Apache-AuthAny-0.201.tar.gz");
    b.type(
        "details",
        "Apache::AuthAny::Cookie makes session ids from time, PID and rand(): an attacker can"
            + " guess a valid session id and is signed in as its owner. "
            + salt);
    b.shot("01-report-form");
    b.go(By.cssSelector("form.report button"));
    assertThat(b.find(By.tagName("h1")).getText()).contains("your report is stored");
    b.shot("02-report-received");

    // 2. Carla signs in: password, then code.
    a.signIn(carla, clock);
    assertThat(a.find(By.tagName("h1")).getText()).isEqualTo("Dashboard");
    a.shot("03-dashboard");

    // 3. The report waits for a case (newest first); she opens one from it.
    a.open("/cna/reports");
    WebElement row = a.find(By.xpath("//table[@id='reports']//tr[td[text()='" + DIST + "']][1]"));
    a.shot("04-reports");
    a.go(row, By.linkText("open a case"));
    assertThat(a.text("report")).contains(salt);
    String title = "Guessable session ids in Apache::AuthAny::Cookie " + salt;
    a.type("title", title);
    a.go(By.cssSelector("main form.report button"));
    assertThat(a.text("notice")).contains("opened");
    String ref = a.url().replaceAll(".*/cna/cases/", "");
    assertThat(ref).matches("CPANSEC-\\d{4}-\\d+");
    assertThat(a.text("state")).isEqualTo("REPORTED");
    a.shot("05-case-opened");

    // 4. Triage: scope, severity and impact (an authentication bypass: HIGH PRIORITY), a label,
    // the blast radius by hand, and a search for duplicates.
    moveTo(a, "TRIAGE");
    a.choose("scope-choice", "IN_SCOPE");
    a.type("scope-note", "A CPAN distribution.");
    a.go(By.cssSelector("form[action$='/scope'] button"));
    assertThat(a.text("scope")).startsWith("in scope");
    assertThat(a.text("labels")).doesNotContain("HIGH PRIORITY");
    a.choose("severity-choice", "HIGH");
    a.choose("impact-choice", "AUTHENTICATION_BYPASS");
    a.go(By.cssSelector("form[action$='/assessment'] button"));
    assertThat(a.text("notice"))
        .isEqualTo("Assessment recorded; HIGH PRIORITY added for the impact.");
    assertThat(a.text("severity")).isEqualTo("HIGH");
    assertThat(a.text("impact")).isEqualTo("authentication bypass");
    assertThat(a.text("labels")).contains("HIGH PRIORITY");
    a.choose("label", "CONTACT_MAINTAINERS");
    a.go(By.cssSelector("#labels-panel button[value='add']"));
    assertThat(a.text("labels")).contains("HIGH PRIORITY", "Contact Maintainers (to do)");
    a.type("blast", "Apache-AuthAny-Plugin-" + salt);
    a.go(By.cssSelector("form[action$='/blast-radius'] button"));
    assertThat(a.by("blast").getDomProperty("value")).isEqualTo("Apache-AuthAny-Plugin-" + salt);
    a.shot("06-triaged", "facts");
    // A distribution and words of this run only: the database may hold the bundled advisories
    // (which know session-id flaws by the dozen) and other tests' cases (one PostgreSQL database
    // serves the whole suite); none of them carries this salt. What the search finds is tested
    // in CasesWebContractTest; here, that a member reaches it and reads its answer.
    a.type("dup-dist", "Apache-AuthAny-" + salt);
    a.type("dup-words", salt);
    a.go(By.cssSelector("#duplicates button"));
    // Searched over the advisories and the other cases: nothing like it is known yet.
    assertThat(a.find(By.tagName("h1")).getText()).isEqualTo("Possible duplicates of " + ref);
    assertThat(a.main()).contains("No advisory matches.", "No other case matches.");
    a.shot("07-duplicates");
    a.open("/cna/cases/" + ref);

    // 5. Carla votes yes: one vote decides nothing.
    vote(a, "Session ids are guessable: an attacker signs in as someone else.");
    assertThat(a.text("verdict"))
        .startsWith("undecided: a vulnerability once two CNA members vote so")
        .endsWith("(1 yes, 0 no)");
    a.shot("08-first-vote", "votes");

    // 6. Dmitri, signed in at the same time in his own browser, sees her vote and votes yes too:
    // two CNA members say so, and it is a vulnerability.
    b.signIn(dmitri, clock);
    b.open("/cna/cases/" + ref);
    assertThat(b.text("votes")).contains("Test carla: yes");
    vote(b, "Agreed: predictable rand() seeds, and the cookie is all it takes.");
    assertThat(b.text("verdict"))
        .isEqualTo("a vulnerability: two or more CNA members voted so (2 yes, 0 no)");
    assertThat(b.text("votes")).contains("Test carla: yes", "Test dmitri: yes");
    b.shot("09-second-vote", "votes");
    // Carla's page says the same once she reloads it.
    a.open("/cna/cases/" + ref);
    assertThat(a.text("verdict"))
        .isEqualTo("a vulnerability: two or more CNA members voted so (2 yes, 0 no)");

    // 7. The pool: Carla imports reserved IDs of last year and of this year by pasting them.
    int year = LocalDate.now(clock).getYear();
    int n = ThreadLocalRandom.current().nextInt(1_000_000, 8_000_000);
    List<String> lastYears =
        List.of("CVE-" + (year - 1) + "-" + n, "CVE-" + (year - 1) + "-" + (n + 1));
    List<String> thisYears = List.of("CVE-" + year + "-" + (n - 7), "CVE-" + year + "-" + (n + 2));
    a.open("/cna/cve-ids");
    a.type(
        "ids-text",
        "# reserved at CVE Services\n"
            + String.join("\n", lastYears)
            + "\n"
            + String.join("\n", thisYears)
            + "\n");
    a.go(By.cssSelector("#import button"));
    assertThat(a.text("message")).isEqualTo("4 IDs added to the pool.");
    a.shot("10-pool-imported");
    // With no public report recorded, the year rule picks this year.
    a.open("/cna/cases/" + ref);
    a.go(By.id("cve-ids-link"));
    assertThat(a.text("year-rule"))
        .startsWith("The next ID comes from " + year + ": the current year");
    // The issue was posted on a public tracker last year: its year is the CVE year.
    LocalDate posted = LocalDate.of(year - 1, 12, 9);
    a.go(By.id("case-link"));
    a.setDate("earliest-public-date", posted);
    a.go(By.cssSelector("form[action$='/earliest-public-report'] button"));
    assertThat(a.text("notice")).isEqualTo("Earliest public report recorded: " + posted + ".");
    assertThat(a.text("earliest-public-report")).isEqualTo(posted.toString());
    String lowest = lowestAvailable(a, year - 1);
    assertThat(lastYears).contains(lowest);
    a.open("/cna/cases/" + ref);
    a.go(By.id("cve-ids-link"));
    assertThat(a.text("year-rule"))
        .startsWith(
            "The next ID comes from "
                + (year - 1)
                + ": the year of the earliest public report ("
                + posted
                + ")");
    a.type("assign-note", "The one CVE for " + DIST);
    a.go(By.cssSelector("#assign button"));
    assertThat(a.findAll(By.cssSelector("#case-ids tr[data-id]")))
        .extracting(r -> r.getDomAttribute("data-id"))
        .containsExactly(lowest);
    String cve = lowest;
    assertThat(a.text("case-state")).isEqualTo("RESERVED");
    assertThat(a.text("history")).contains(cve, "The one CVE for " + DIST);
    a.shot("11-cve-assigned");
    // This year's IDs, lower-numbered or not, stay in the pool.
    a.open("/cna/cve-ids?year=" + year + "&state=AVAILABLE");
    assertThat(a.findAll(By.cssSelector("#ids tr[data-id]")))
        .extracting(r -> r.getDomAttribute("data-id"))
        .containsAll(thisYears);

    // 8. The record editor: the group's published record names its own ID, not the case's: the
    // live check says so. With the case's ID it passes, both previews follow, and it is saved.
    a.open("/cna/cases/" + ref);
    assertThat(a.text("state")).isEqualTo("RESERVED");
    a.go(By.id("record-link"));
    a.until(
        "the editor script", () -> "on".equals(a.by("record-form").getDomAttribute("data-live")));
    String published = Files.readString(T_VAR.resolve(PUBLISHED + ".yaml"));
    typeRecord(a, published);
    CheckResult refused = showsCheckOf(a, published, cve);
    assertThat(refused.errors()).isNotEmpty();
    assertThat(a.findAll(By.cssSelector("#errors li")).get(0).getText())
        .contains("cpansec.cve is " + PUBLISHED + ", but this is the record of " + cve);
    a.shot("12-record-wrong-id");
    String record = published.replace(PUBLISHED, cve);
    typeRecord(a, record);
    CheckResult passed = showsCheckOf(a, record, cve);
    assertThat(passed.errors()).isEmpty();
    assertThat(a.findAll(By.cssSelector("#errors li"))).isEmpty();
    assertThat(a.content("preview-json")).contains("\"cveId\" : \"" + cve + "\"");
    assertThat(a.content("preview-announcement"))
        .startsWith("Subject: " + cve + ": Apache::AuthAny");
    a.shot("13-record-valid");
    a.go(By.id("save-button"));
    assertThat(a.text("saved")).startsWith("Saved as version 1");
    assertThat(a.by("yaml").getDomProperty("value")).isEqualTo(record);
    a.shot("14-record-saved");

    // 9. A CPANSec member who is no CNA member reads the case and the verdict, but has no vote.
    b.signOut();
    TestMembers.TestMember pia = members.create("pia", Set.of(Role.CPANSEC_MEMBER), true);
    b.signIn(pia, clock);
    b.open("/cna/cases/" + ref);
    assertThat(b.text("verdict"))
        .isEqualTo("a vulnerability: two or more CNA members voted so (2 yes, 0 no)");
    assertThat(b.absent(By.cssSelector("form[action$='/vote']"))).isTrue();
    assertThat(b.absent(By.id("to"))).isTrue();
    b.shot("15-cpansec-member-reads", "votes");

    // 10. The embargo: a CNA member who has not signed the agreement, and an admin who is no
    // member, open the case's pages and learn nothing about it.
    List<String> secrets = List.of(title, salt, DIST, cve, "Apache::AuthAny", "Test carla");
    b.signOut();
    b.signIn(members.create("uma", Set.of(Role.CNA_MEMBER), false), clock);
    seesNothingOf(b, ref, secrets, "16-unsigned-member");
    b.signOut();
    b.signIn(members.create("adam", Set.of(Role.ADMIN), true), clock);
    seesNothingOf(b, ref, secrets, "17-admin-only");
  }

  // ---- steps -----------------------------------------------------------------------------------

  /** The lowest-numbered AVAILABLE ID of a year, as the pool page lists them. */
  private static String lowestAvailable(Chromium c, int year) {
    c.open("/cna/cve-ids?year=" + year + "&state=AVAILABLE");
    return c.findAll(By.cssSelector("#ids tr[data-id]")).stream()
        .map(r -> r.getDomAttribute("data-id"))
        .min(Comparator.comparingLong(id -> Long.parseLong(id.substring(9))))
        .orElseThrow();
  }

  private static void moveTo(Chromium c, String state) {
    c.choose("to", state);
    c.go(By.cssSelector("#state-panel form button"));
    assertThat(c.text("state")).isEqualTo(state);
  }

  private static void vote(Chromium c, String reason) {
    c.find(By.cssSelector("#votes input[name='vulnerability'][value='yes']")).click();
    c.type("vote-reason", reason);
    c.go(By.cssSelector("form[action$='/vote'] button"));
    assertThat(c.text("notice")).isEqualTo("Vote recorded.");
  }

  private static void typeRecord(Chromium c, String yaml) {
    WebElement area = c.by("yaml");
    area.clear();
    area.sendKeys(yaml);
  }

  /** Waits until the editor shows exactly what the server's check says about this text. */
  private CheckResult showsCheckOf(Chromium c, String yaml, String cve) {
    CheckResult expected = check.check(yaml, false, cve);
    c.until(
        "the live check of the typed record",
        () ->
            yaml.equals(c.by("yaml").getDomProperty("value"))
                && c.content("check-status").equals(expected.summary())
                && c.content("preview-json")
                    .equals(
                        expected.cveJson() == null
                            ? "No preview: the record does not build yet."
                            : expected.cveJson())
                && c.findAll(By.cssSelector("#errors li")).size() == expected.errors().size());
    if (expected.announcement() != null) {
      assertThat(c.content("preview-announcement")).isEqualTo(expected.announcement());
    }
    return expected;
  }

  /**
   * The case's pages answer this viewer exactly like the pages of a case that does not exist, and
   * no list shows it. The screenshot is of the case's own page.
   */
  private static void seesNothingOf(Chromium c, String ref, List<String> secrets, String shot)
      throws IOException {
    String missing = "CPANSEC-1999-9999";
    for (String page : List.of("/duplicates?words=session", "/record", "/cve-ids", "")) {
      c.open("/cna/cases/" + missing + page);
      String nothing = c.main();
      c.open("/cna/cases/" + ref + page);
      assertThat(c.main()).as(page).isEqualTo(nothing);
      assertThat(c.source()).as(page).doesNotContain(secrets).doesNotContain(ref);
    }
    c.shot(shot);
    for (String list : List.of("/cna", "/cna/cases", "/cna/reports", "/cna/cve-ids")) {
      c.open(list);
      assertThat(c.source()).as(list).doesNotContain(secrets).doesNotContain(ref);
    }
  }
}
