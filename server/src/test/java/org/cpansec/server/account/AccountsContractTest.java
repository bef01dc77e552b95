package org.cpansec.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.server.AdminCli;
import org.cpansec.server.security.Totp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Accounts and sign-in over real HTTP, on each database: the two steps, the session id changing,
 * one message for every refusal, code replay, lockout and its end (a test clock), the idle timeout
 * (set to 7 minutes here, to show the setting is the one applied), sign-out everywhere, enrolment
 * links, the admin pages and command, and who may open what.
 */
@Import(AccountsContractTest.TestClock.class)
@TestPropertySource(
    properties = {
      "cpansec.accounts.session-idle-timeout=PT7M",
      "cpansec.advisories.import-bundled=false"
    })
abstract class AccountsContractTest {
  static final String REFUSED = "Sign-in failed: the username, password or code was not accepted.";
  private static final Pattern ERROR = Pattern.compile("id=\"error\">([^<]*)<");
  private static final Pattern LINK =
      Pattern.compile("(https?://[^\\s<\"]+/enrol/([A-Za-z0-9_-]{43}))");

  /** The server's clock, moved by hand. */
  @TestConfiguration(proxyBeanMethods = false)
  static class TestClock {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock();
    }
  }

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;
  @Autowired MutableClock clock;
  @Autowired Accounts accounts;
  @Autowired CreateAdminCommand createCommand;
  @Autowired Environment environment;
  TestMembers members;

  @BeforeEach
  void setUp() {
    members = new TestMembers(context);
  }

  WorkspaceClient client() {
    return new WorkspaceClient(port, clock);
  }

  @Test
  void signingInTakesPasswordThenCodeAndChangesTheSessionIdAtEachStep() {
    TestMembers.TestMember m = members.create("steps", Set.of(Role.CNA_MEMBER), true);
    WorkspaceClient c = client();
    c.get("/login");
    String beforePassword = c.sessionId().orElseThrow();

    HttpResponse<String> password = c.password(m.username(), m.password());
    assertRedirect(password, "/login/totp");
    String betweenSteps = c.sessionId().orElseThrow();
    assertThat(betweenSteps).isNotEqualTo(beforePassword);
    // Half-way is not signed in.
    assertRedirect(c.getNoRedirect("/cna"), "/login");
    assertRedirect(c.getNoRedirect("/account"), "/login");

    HttpResponse<String> code = c.code(c.nextCode(m.totpSecret()));
    assertRedirect(code, "/cna");
    String signedIn = c.sessionId().orElseThrow();
    assertThat(signedIn).isNotEqualTo(betweenSteps).isNotEqualTo(beforePassword);
    HttpResponse<String> home = c.get("/cna");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(text(home))
        .contains("Signed in as", m.username(), "CNA member", "signed version 1.1");
    assertThat(home.body())
        .contains("href=\"/cna/cases\"", "href=\"/cna/cve-ids\"", "href=\"/account\"")
        .doesNotContain("href=\"/admin\"");

    // The ids the session had before do not open the workspace.
    for (String old : List.of(beforePassword, betweenSteps)) {
      WorkspaceClient stale = client();
      stale.useSessionId(old);
      assertRedirect(stale.getNoRedirect("/cna"), "/login");
    }
    assertThat(events(m.id())).contains("SIGN_IN");
  }

  @Test
  void everyRefusalShowsTheSameMessage() {
    TestMembers.TestMember m = members.create("same", Set.of(Role.CNA_MEMBER), true);
    TestMembers.TestMember disabled = members.create("off", Set.of(Role.CNA_MEMBER), true);
    jdbc.sql("UPDATE member_account SET enabled = FALSE WHERE id = ?")
        .param(disabled.id())
        .update();
    WorkspaceClient c = client();
    List<HttpResponse<String>> refusals =
        List.of(
            c.password("nobody-" + UUID.randomUUID().toString().substring(0, 8), m.password()),
            c.password(m.username(), m.password() + "x"),
            c.password(disabled.username(), disabled.password()));
    for (HttpResponse<String> r : refusals) {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(error(r)).startsWith(REFUSED);
    }
    assertThat(refusals.stream().map(AccountsContractTest::error).distinct()).hasSize(1);
    // A wrong code after the right password: the same words.
    assertRedirect(c.password(m.username(), m.password()), "/login/totp");
    HttpResponse<String> wrongCode = c.code(wrongCode(m.totpSecret()));
    assertThat(wrongCode.statusCode()).isEqualTo(200);
    assertThat(error(wrongCode)).isEqualTo(error(refusals.get(0)));
    assertThat(events(m.id())).contains("SIGN_IN_FAILED");
    assertThat(
            jdbc.sql(
                    "SELECT detail FROM account_event WHERE member_id = ? AND kind = 'SIGN_IN_FAILED'"
                        + " ORDER BY id")
                .param(m.id())
                .query(String.class)
                .list())
        .containsExactly("wrong password", "wrong code");
  }

  @Test
  void aCodeWorksOnceOnly() {
    TestMembers.TestMember m = members.create("replay", Set.of(Role.CNA_MEMBER), true);
    WorkspaceClient first = client();
    assertRedirect(first.password(m.username(), m.password()), "/login/totp");
    String code = first.nextCode(m.totpSecret());
    assertRedirect(first.code(code), "/cna");

    WorkspaceClient second = client();
    assertRedirect(second.password(m.username(), m.password()), "/login/totp");
    HttpResponse<String> replayed = second.code(code);
    assertThat(replayed.statusCode()).isEqualTo(200);
    assertThat(error(replayed)).startsWith(REFUSED);
    assertRedirect(second.getNoRedirect("/cna"), "/login");
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM account_event WHERE member_id = ? AND detail = 'code"
                        + " already used'")
                .param(m.id())
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    // The next step's code is fine.
    assertRedirect(second.code(second.nextCode(m.totpSecret())), "/cna");
  }

  @Test
  void fiveFailuresInARowLockTheAccountForFifteenMinutes() {
    TestMembers.TestMember m = members.create("lock", Set.of(Role.CNA_MEMBER), true);
    WorkspaceClient c = client();
    // Failures are counted only in a row: a full sign-in starts the count again.
    for (int i = 0; i < 4; i++) {
      assertThat(error(c.password(m.username(), "not the password " + i))).startsWith(REFUSED);
    }
    c.signIn(m);
    c = client();
    for (int i = 0; i < 4; i++) {
      assertThat(error(c.password(m.username(), "not the password " + i))).startsWith(REFUSED);
    }
    // The fifth: a wrong code after the right password counts the same.
    assertRedirect(c.password(m.username(), m.password()), "/login/totp");
    assertRedirect(c.code(wrongCode(m.totpSecret())), "/login?failed");
    assertThat(events(m.id())).contains("LOCKED_OUT");

    // Locked: even the right password is refused, with the same message.
    HttpResponse<String> locked = c.password(m.username(), m.password());
    assertThat(error(locked)).startsWith(REFUSED);
    clock.advance(Duration.ofMinutes(15).minusSeconds(1));
    assertThat(error(c.password(m.username(), m.password()))).startsWith(REFUSED);
    clock.advance(Duration.ofSeconds(2));
    c.signIn(m);
    assertThat(c.get("/cna").body()).contains("Signed in as");
  }

  @Test
  void theCodeMustFollowThePasswordWithinFiveMinutes() {
    TestMembers.TestMember m = members.create("slow", Set.of(Role.CNA_MEMBER), true);
    WorkspaceClient c = client();
    assertRedirect(c.password(m.username(), m.password()), "/login/totp");
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertRedirect(c.code(c.nextCode(m.totpSecret())), "/login?expired");
    assertRedirect(c.getNoRedirect("/login/totp"), "/login");
    assertRedirect(c.getNoRedirect("/cna"), "/login");
  }

  @Test
  void theIdleTimeoutIsTheConfiguredOneAndEndsTheSession() {
    TestMembers.TestMember m = members.create("idle", Set.of(Role.CNA_MEMBER), true);
    WorkspaceClient c = client().signIn(m);
    String id =
        new String(Base64.getDecoder().decode(c.sessionId().orElseThrow()), StandardCharsets.UTF_8);
    assertThat(
            jdbc.sql("SELECT MAX_INACTIVE_INTERVAL FROM SPRING_SESSION WHERE SESSION_ID = ?")
                .param(id)
                .query(Integer.class)
                .single())
        .isEqualTo(7 * 60);
    assertThat(
            jdbc.sql("SELECT PRINCIPAL_NAME FROM SPRING_SESSION WHERE SESSION_ID = ?")
                .param(id)
                .query(String.class)
                .single())
        .isEqualTo(m.username());
    // Idle for 6 minutes 40 seconds: still signed in.
    idle(id, 400);
    assertThat(c.getNoRedirect("/cna").statusCode()).isEqualTo(200);
    // Idle for 7 minutes and a second: gone.
    idle(id, 421);
    assertRedirect(c.getNoRedirect("/cna"), "/login");
  }

  /** Makes the session's last access {@code seconds} ago (the store checks expiry by real time). */
  private void idle(String sessionId, long seconds) {
    long then = System.currentTimeMillis() - seconds * 1000;
    long interval =
        jdbc.sql("SELECT MAX_INACTIVE_INTERVAL FROM SPRING_SESSION WHERE SESSION_ID = ?")
            .param(sessionId)
            .query(Long.class)
            .single();
    jdbc.sql("UPDATE SPRING_SESSION SET LAST_ACCESS_TIME = ?, EXPIRY_TIME = ? WHERE SESSION_ID = ?")
        .params(then, then + interval * 1000, sessionId)
        .update();
  }

  @Test
  void signOutEverywhereEndsEverySessionOfTheMemberOnly() {
    TestMembers.TestMember m = members.create("everywhere", Set.of(Role.CNA_MEMBER), true);
    TestMembers.TestMember other = members.create("bystander", Set.of(Role.CNA_MEMBER), true);
    WorkspaceClient laptop = client().signIn(m);
    WorkspaceClient phone = client().signIn(m);
    WorkspaceClient bystander = client().signIn(other);
    assertThat(laptop.get("/account").body()).containsPattern("id=\"sessions\">2<");

    HttpResponse<String> r = laptop.post("/account/sign-out-everywhere", Map.of());
    assertRedirect(r, "/login?everywhere");
    assertThat(text(laptop.follow(r))).contains("All of your sessions have ended");
    assertRedirect(phone.getNoRedirect("/cna"), "/login");
    assertRedirect(laptop.getNoRedirect("/cna"), "/login");
    assertThat(bystander.getNoRedirect("/cna").statusCode()).isEqualTo(200);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?")
                .param(m.username())
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(events(m.id())).contains("SIGNED_OUT_EVERYWHERE");
  }

  @Test
  void signingOutIsAPostAndEndsThisSessionOnly() {
    TestMembers.TestMember m = members.create("logout", Set.of(Role.CNA_MEMBER), true);
    WorkspaceClient here = client().signIn(m);
    WorkspaceClient there = client().signIn(m);
    assertThat(here.getNoRedirect("/logout").statusCode()).isNotEqualTo(302);
    assertThat(here.getNoRedirect("/cna").statusCode()).isEqualTo(200);
    HttpResponse<String> out = here.post("/logout", Map.of());
    assertRedirect(out, "/login?signedOut");
    assertRedirect(here.getNoRedirect("/cna"), "/login");
    assertThat(there.getNoRedirect("/cna").statusCode()).isEqualTo(200);
    assertThat(events(m.id())).contains("SIGNED_OUT");
  }

  @Test
  void anEnrolmentLinkSetsPasswordAndAuthenticatorOnceOnly() {
    String username = unique("enrol");
    Accounts.Created created =
        accounts.create(
            username, "Enrol Me", username + "@example.org", Set.of(Role.CPANSEC_MEMBER), null);
    assertThat(created.link().url().toString())
        .startsWith("http://localhost:8080/enrol/")
        .endsWith(created.link().token().value());
    assertThat(stored("password_hash", created.memberId())).isNull();
    String path = created.link().url().getPath();
    WorkspaceClient c = client();
    HttpResponse<String> page = c.get(path);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    String secret = secretOn(page.body());
    assertThat(page.body())
        .contains(username)
        .contains(
            "otpauth://totp/CPANSec:" + username + "?secret=" + secret + "&amp;issuer=CPANSec");

    long step = Totp.step(clock.instant());
    String code = Totp.code(secret, step);
    WorkspaceClient.stepUsed(secret, step);
    String good = "ferry lantern quietly 42";
    assertProblem(c.post(path, form("password1234", "password1234", code)), "too well known");
    assertProblem(c.post(path, form(good, good + "!", code)), "The two passwords differ");
    assertProblem(c.post(path, form(good, good, wrongCode(secret))), "The code was not accepted");
    assertProblem(c.post(path, form("short", "short", code)), "at least 12 characters");
    assertThat(stored("password_hash", created.memberId())).isNull();

    HttpResponse<String> done = c.post(path, form(good, good, code));
    assertRedirect(done, "/login?enrolled");
    assertThat(text(c.follow(done))).contains("Your account is ready");
    assertThat(stored("password_hash", created.memberId())).startsWith("$argon2id$");
    assertThat(stored("totp_secret", created.memberId())).isEqualTo(secret);
    assertThat(events(created.memberId()))
        .contains("ACCOUNT_CREATED", "ENROLMENT_ISSUED", "ENROLLED");

    // Used: gone, for GET and POST alike.
    HttpResponse<String> again = c.get(path);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(text(again)).contains("This enrolment link is not valid").doesNotContain(secret);
    assertThat(c.post(path, form(good, good, code)).statusCode()).isEqualTo(404);
    assertThat(stored("totp_secret", created.memberId())).isEqualTo(secret);

    // The new member signs in; without the agreement signed, /cna shows only the notice.
    WorkspaceClient member = client().signIn(username, good, secret);
    HttpResponse<String> cna = member.get("/cna");
    assertThat(cna.statusCode()).isEqualTo(403);
    assertThat(text(cna)).contains("Sign the agreement first");
  }

  @Test
  void anEnrolmentLinkExpiresAfter72HoursAndAResetReplacesIt() {
    String username = unique("late");
    Accounts.Created created =
        accounts.create(username, "Late", username + "@example.org", Set.of(Role.CNA_MEMBER), null);
    WorkspaceClient c = client();
    String path = created.link().url().getPath();
    clock.advance(Duration.ofHours(72).minusSeconds(1));
    assertThat(c.get(path).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(2));
    HttpResponse<String> late = c.get(path);
    assertThat(late.statusCode()).isEqualTo(404);
    assertThat(text(late)).contains("Ask a workspace admin for a new link");

    Enrolments.Link fresh = accounts.resetEnrolment(created.memberId(), null);
    Enrolments.Link fresher = accounts.resetEnrolment(created.memberId(), null);
    assertThat(c.get(fresh.url().getPath()).statusCode()).as("replaced").isEqualTo(404);
    assertThat(c.get(fresher.url().getPath()).statusCode()).isEqualTo(200);
    assertThat(c.get("/enrol/not-a-token").statusCode()).isEqualTo(404);
    assertThat(c.get("/enrol/" + "A".repeat(43)).statusCode()).isEqualTo(404);
  }

  @Test
  void adminsCreateDisableEnableAndResetAccounts() {
    TestMembers.TestMember admin = members.create("admin", Set.of(Role.ADMIN), false);
    WorkspaceClient a = client().signIn(admin);
    assertThat(a.get("/admin").body()).contains("Create an account");

    String username = unique("newbie");
    HttpResponse<String> created =
        a.submit(
            "/admin/accounts",
            "/admin/accounts",
            Map.of(
                "username",
                username,
                "displayName",
                "New <b>Member</b>",
                "email",
                username + "@example.org",
                "roles",
                List.of("CNA_MEMBER", "CPANSEC_MEMBER")));
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
    Matcher link = LINK.matcher(created.body());
    assertThat(link.find()).as(created.body()).isTrue();
    long id = idOf(username);
    assertThat(roles(id)).containsExactlyInAnyOrder("CNA_MEMBER", "CPANSEC_MEMBER");
    assertThat(stored("password_hash", id)).isNull();
    assertThat(client().get(link.group(1).replaceFirst("https?://[^/]+", "")).statusCode())
        .isEqualTo(200);
    HttpResponse<String> list = a.get("/admin/accounts");
    assertThat(list.body())
        .contains(username, "New &lt;b&gt;Member&lt;/b&gt;", "awaiting enrolment")
        .doesNotContain("New <b>Member</b>");

    HttpResponse<String> taken =
        a.submit(
            "/admin/accounts",
            "/admin/accounts",
            Map.of(
                "username",
                username,
                "displayName",
                "X",
                "email",
                "x@example.org",
                "roles",
                "ADMIN"));
    assertThat(taken.statusCode()).isEqualTo(422);
    assertThat(error(taken)).contains("is taken already");
    HttpResponse<String> bad =
        a.submit(
            "/admin/accounts",
            "/admin/accounts",
            Map.of("username", "Bad Name!", "displayName", "X", "email", "x@example.org"));
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(error(bad)).contains("A username is 2 to 64 characters");
    assertThat(bad.body()).contains("value=\"Bad Name!\"");

    // Disabling ends the member's sessions and refuses sign-in; enabling restores it.
    TestMembers.TestMember m = members.create("victim", Set.of(Role.CNA_MEMBER), true);
    WorkspaceClient mc = client().signIn(m);
    HttpResponse<String> disabled =
        a.submit("/admin/accounts", "/admin/accounts/" + m.id() + "/disable", Map.of());
    assertThat(text(disabled)).contains("Disabled " + m.username());
    assertRedirect(mc.getNoRedirect("/cna"), "/login");
    assertThat(error(client().password(m.username(), m.password()))).startsWith(REFUSED);
    a.submit("/admin/accounts", "/admin/accounts/" + m.id() + "/enable", Map.of());
    client().signIn(m);

    // Resetting forgets password and authenticator, ends sessions, and shows a new link.
    WorkspaceClient before = client().signIn(m);
    HttpResponse<String> reset =
        a.submit("/admin/accounts", "/admin/accounts/" + m.id() + "/reset", Map.of());
    assertThat(text(reset)).contains("Enrolment reset");
    assertThat(LINK.matcher(reset.body()).find()).isTrue();
    assertRedirect(before.getNoRedirect("/cna"), "/login");
    assertThat(error(client().password(m.username(), m.password()))).startsWith(REFUSED);
    assertThat(stored("totp_secret", m.id())).isNull();

    // No admin can lock themselves out.
    HttpResponse<String> self =
        a.submit("/admin/accounts", "/admin/accounts/" + admin.id() + "/disable", Map.of());
    assertThat(text(self)).contains("You cannot disable your own account");
    assertThat(events(m.id())).contains("ACCOUNT_DISABLED", "ACCOUNT_ENABLED", "ENROLMENT_RESET");
  }

  @Test
  void whoMayOpenWhat() {
    WorkspaceClient anonymous = client();
    for (String path :
        List.of(
            "/cna",
            "/cna/cases",
            "/cna/cve-ids",
            "/account",
            "/account/agreement",
            "/admin",
            "/admin/accounts")) {
      assertRedirect(anonymous.getNoRedirect(path), "/login");
    }
    // The public site stays public.
    for (String path :
        List.of(
            "/",
            "/advisories",
            "/report",
            "/report/vulnerability",
            "/docs/how-to-report",
            "/docs/pre-release-disclosure-agreement",
            "/.well-known/security.txt",
            "/feeds/advisories.atom",
            "/login")) {
      assertThat(anonymous.getNoRedirect(path).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(anonymous.getNoRedirect("/case/" + "A".repeat(43)).statusCode())
        .as("external case links are not behind sign-in")
        .isNotIn(302, 401, 403);

    // A CPANSec member is no admin: 403 with a page saying so, and nothing created.
    TestMembers.TestMember plain = members.create("plain", Set.of(Role.CPANSEC_MEMBER), true);
    WorkspaceClient p = client().signIn(plain);
    HttpResponse<String> admin = p.getNoRedirect("/admin/accounts");
    assertThat(admin.statusCode()).isEqualTo(403);
    assertThat(text(admin)).contains("Not for your role", "CPANSec member");
    String ghost = unique("ghost");
    HttpResponse<String> post =
        p.post(
            "/admin/accounts",
            Map.of(
                "username", ghost, "displayName", "G", "email", "g@example.org", "roles", "ADMIN"));
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM member_account WHERE username = ?")
                .param(ghost)
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(p.get("/cna").body()).doesNotContain("href=\"/admin\"");

    // Roles are read afresh on every request: granted ADMIN, the same session opens /admin.
    jdbc.sql("INSERT INTO member_role (member_id, role) VALUES (?, 'ADMIN')")
        .param(plain.id())
        .update();
    assertThat(p.getNoRedirect("/admin/accounts").statusCode()).isEqualTo(200);
    assertThat(p.get("/cna").body()).contains("href=\"/admin\"");

    // A member who has not signed the current agreement sees only the notice on every /cna page.
    TestMembers.TestMember unsigned = members.create("unsigned", Set.of(Role.CNA_MEMBER), false);
    WorkspaceClient u = client().signIn(unsigned);
    for (String path : List.of("/cna", "/cna/cases", "/cna/cve-ids")) {
      HttpResponse<String> r = u.getNoRedirect(path);
      assertThat(r.statusCode()).as(path).isEqualTo(403);
      assertThat(r.body())
          .as(path)
          .contains("Sign the agreement first")
          .doesNotContain("<h1>Dashboard</h1>");
    }
    assertThat(u.post("/cna/cases", Map.of("title", "x")).statusCode()).isEqualTo(403);
    HttpResponse<String> text = u.get("/account/agreement");
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text(text)).contains("Version 1.1", "TLP:RED", "Sign the agreement");
    HttpResponse<String> unticked = u.post("/account/agreement", Map.of("version", "1.1"));
    assertThat(unticked.statusCode()).isEqualTo(422);
    assertThat(error(unticked)).contains("Tick the box");
    HttpResponse<String> stale =
        u.post("/account/agreement", Map.of("version", "1.0", "agree", "yes"));
    assertThat(stale.statusCode()).isEqualTo(422);
    assertThat(error(stale)).contains("now at version 1.1");
    assertRedirect(u.post("/account/agreement", Map.of("version", "1.1", "agree", "yes")), "/cna");
    HttpResponse<String> home = u.get("/cna");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("<h1>Dashboard</h1>");
    assertThat(text(home)).contains("signed version 1.1");
    assertThat(
            jdbc.sql("SELECT agreement_version FROM agreement_signature WHERE member_id = ?")
                .param(unsigned.id())
                .query(String.class)
                .list())
        .containsExactly("1.1");
    assertThat(events(unsigned.id())).contains("AGREEMENT_SIGNED");
  }

  @Test
  void theAdminCommandCreatesAnAdminWithoutPasswordAndPrintsTheLink() {
    String username = unique("first");
    Run ok =
        cli(
            "create",
            "--username",
            username,
            "--email",
            username + "@example.org",
            "--name",
            "First Admin",
            "--role",
            "CNA_MEMBER");
    assertThat(ok.exit).as(ok.err).isZero();
    Matcher link = LINK.matcher(ok.out);
    assertThat(link.find()).as(ok.out).isTrue();
    assertThat(link.group(1)).startsWith("http://localhost:8080/enrol/");
    long id = idOf(username);
    assertThat(roles(id)).containsExactlyInAnyOrder("ADMIN", "CNA_MEMBER");
    assertThat(stored("password_hash", id)).isNull();
    assertThat(stored("totp_secret", id)).isNull();
    // No password at all: nothing signs in until the link is used.
    for (String guess : List.of("", "admin", username, "password1234")) {
      assertThat(error(client().password(username, guess))).startsWith(REFUSED);
    }
    // The link printed is the one stored (hashed), unused, for 72 hours. (Not opened here: the
    // command ran on the real clock, this server runs on a test clock that other tests move.)
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM enrolment_token WHERE member_id = ? AND token_hash = ?"
                        + " AND used_at IS NULL AND revoked_at IS NULL")
                .params(id, new SecretToken(link.group(2)).hash())
                .query(Integer.class)
                .single())
        .isEqualTo(1);

    Run again =
        cli("create", "--username", username, "--email", "o@example.org", "--name", "Other");
    assertThat(again.exit).isEqualTo(1);
    assertThat(again.err).contains("exists already");
    Run none = cli();
    assertThat(none.exit).isEqualTo(2);
    assertThat(none.err).contains("usage:", "create --username");
    Run unknown = cli("frobnicate");
    assertThat(unknown.exit).isEqualTo(2);
    assertThat(unknown.err).contains("no command 'frobnicate'");
  }

  @Test
  void theAdminCommandRefusesBadArgumentsWithUsage() {
    String u = unique("args");
    List<List<String>> bad =
        List.of(
            List.of("--username", u, "--email", u + "@example.org"),
            List.of("--username", u, "--email", "not-an-address", "--name", "N"),
            List.of("--username", "Not Valid", "--email", "a@example.org", "--name", "N"),
            List.of("--username", u, "--email", "a@example.org", "--name", "N", "--role", "KING"),
            List.of("--username", u, "--email", "a@example.org", "--name", "N", "--colour", "red"),
            List.of("--username", u, "--username", u, "--email", "a@example.org", "--name", "N"),
            List.of("stray"));
    for (List<String> args : bad) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit =
          createCommand.run(
              args,
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(exit).as(args.toString()).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .as(args.toString())
          .contains("usage: admin create");
      assertThat(out.size()).isZero();
    }
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM member_account WHERE username = ?")
                .param(u)
                .query(Integer.class)
                .single())
        .isZero();
  }

  record Run(int exit, String out, String err) {}

  /** Runs {@code admin ...} in this JVM, against this test's database. */
  Run cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--spring.datasource.url=" + environment.getProperty("spring.datasource.url"));
    all.add(
        "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"));
    all.add("--spring.datasource.password=");
    return cliWith(all);
  }

  static Run cliWith(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        AdminCli.run(
            args.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Map<String, String> form(String password, String confirm, String code) {
    return Map.of("password", password, "confirm", confirm, "code", code);
  }

  private static void assertProblem(HttpResponse<String> r, String text) {
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains(text);
  }

  static void assertRedirect(HttpResponse<String> r, String target) {
    assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(302);
    String location = r.headers().firstValue("Location").orElseThrow();
    assertThat(location.replaceFirst("^https?://[^/]+", "")).isEqualTo(target);
  }

  /** The page's text: tags dropped, white space collapsed. */
  static String text(HttpResponse<String> r) {
    return r.body().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").replace(" .", ".");
  }

  static String error(HttpResponse<String> r) {
    Matcher m = ERROR.matcher(r.body());
    return m.find() ? m.group(1) : "(no error on the page: " + r.statusCode() + ")";
  }

  static String secretOn(String body) {
    Matcher m = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<").matcher(body);
    assertThat(m.find()).as("secret on the enrolment page").isTrue();
    return m.group(1).replace(" ", "");
  }

  /** A 6-digit code that is none of the codes the server would accept now. */
  String wrongCode(String secret) {
    long now = Totp.step(clock.instant());
    Set<String> valid =
        Set.of(Totp.code(secret, now - 1), Totp.code(secret, now), Totp.code(secret, now + 1));
    for (int i = 0; ; i++) {
      String candidate = String.format("%06d", (123456 + i * 7919) % 1_000_000);
      if (!valid.contains(candidate)) {
        return candidate;
      }
    }
  }

  private List<String> events(long memberId) {
    return jdbc.sql("SELECT kind FROM account_event WHERE member_id = ? ORDER BY id")
        .param(memberId)
        .query(String.class)
        .list();
  }

  private String stored(String column, long id) {
    return jdbc.sql("SELECT " + column + " FROM member_account WHERE id = ?")
        .param(id)
        .query(String.class)
        .list()
        .get(0);
  }

  private long idOf(String username) {
    return jdbc.sql("SELECT id FROM member_account WHERE username = ?")
        .param(username)
        .query(Long.class)
        .single();
  }

  private List<String> roles(long id) {
    return jdbc.sql("SELECT role FROM member_role WHERE member_id = ?")
        .param(id)
        .query(String.class)
        .list();
  }
}
