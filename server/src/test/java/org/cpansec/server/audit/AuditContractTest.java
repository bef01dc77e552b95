package org.cpansec.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.server.AdminCli;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.cpansec.server.cases.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The hash-chained audit log on a real database: append, read, verify, tamper, concurrency. */
abstract class AuditContractTest {
  @Autowired AuditLog log;
  @Autowired AuditVerifier verifier;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired AuditVerifyCommand command;
  @Autowired Environment environment;
  Member admin;

  @BeforeEach
  void admin() {
    admin = new Fixtures(jdbc).member("auditor", true, Role.ADMIN);
  }

  @Test
  void appendsChainEachRowToThePreviousOne() {
    AuditEntry a = log.append("member:1", "test.first", null, "one");
    AuditEntry b = log.append("grant:2", "test.second", null, null);
    assertThat(b.id()).isEqualTo(a.id() + 1);
    assertThat(b.prevHash()).isEqualTo(a.hash());
    assertThat(a.hash()).matches("[0-9a-f]{64}").isEqualTo(a.expectedHash());
    List<AuditEntry> stored =
        jdbc.sql("SELECT " + AuditLog.COLUMNS + " FROM audit_log WHERE id IN (?, ?) ORDER BY id")
            .params(a.id(), b.id())
            .query((rs, n) -> AuditLog.entry(rs))
            .list();
    assertThat(stored).containsExactly(a, b);
    assertThat(stored.get(1).caseId()).isNull();
    assertThat(verifier.verify().intact()).isTrue();
    String head = jdbc.sql("SELECT last_hash FROM audit_head").query(String.class).single();
    assertThat(head).isEqualTo(b.hash());
  }

  @Test
  void anEntryRollsBackWithItsTransaction() {
    long before = lastId();
    assertThatThrownBy(
            () ->
                tx.executeWithoutResult(
                    s -> {
                      log.append("member:1", "test.rolled-back", null, null);
                      throw new IllegalStateException("the change failed");
                    }))
        .hasMessage("the change failed");
    assertThat(lastId()).isEqualTo(before);
    assertThat(verifier.verify().intact()).isTrue();
  }

  @Test
  void aTamperedRowIsNamedByTheVerifier() {
    AuditEntry first = log.append("member:7", "test.tamper", null, "what really happened");
    log.append("member:7", "test.after", null, "later");
    assertThat(verifier.verify().intact()).isTrue();
    try {
      jdbc.sql("UPDATE audit_log SET detail = 'nothing to see' WHERE id = ?")
          .param(first.id())
          .update();
      AuditVerifier.Result r = verifier.verify();
      assertThat(r.intact()).isFalse();
      assertThat(r.firstBrokenId()).isEqualTo(first.id());
      assertThat(r.summary())
          .isEqualTo(
              "The audit chain is broken at row "
                  + first.id()
                  + ": its hash does not match its content");
    } finally {
      jdbc.sql("UPDATE audit_log SET detail = ? WHERE id = ?")
          .params(first.detail(), first.id())
          .update();
    }
    assertThat(verifier.verify().intact()).isTrue();
  }

  @Test
  void aRecomputedHashDoesNotHideTheChange() {
    AuditEntry first = log.append("member:8", "test.rehash", 42L, "original");
    AuditEntry second = log.append("member:8", "test.next", null, null);
    String forged =
        AuditEntry.chain(
            first.prevHash(), first.id(), first.at(), first.actor(), first.action(), 42L, "forged");
    try {
      jdbc.sql("UPDATE audit_log SET detail = 'forged', hash = ? WHERE id = ?")
          .params(forged, first.id())
          .update();
      AuditVerifier.Result r = verifier.verify();
      assertThat(r.firstBrokenId()).isEqualTo(second.id());
      assertThat(r.problem()).isEqualTo("its prev_hash is not the previous row's hash");
    } finally {
      jdbc.sql("UPDATE audit_log SET detail = ?, hash = ? WHERE id = ?")
          .params(first.detail(), first.hash(), first.id())
          .update();
    }
    assertThat(verifier.verify().intact()).isTrue();
  }

  @Test
  void aDeletedRowIsNamed() {
    AuditEntry gone = log.append("member:9", "test.delete", null, "x");
    log.append("member:9", "test.after-delete", null, null);
    try {
      jdbc.sql("DELETE FROM audit_log WHERE id = ?").param(gone.id()).update();
      AuditVerifier.Result r = verifier.verify();
      assertThat(r.firstBrokenId()).isEqualTo(gone.id());
      assertThat(r.problem()).startsWith("the row is missing");
    } finally {
      jdbc.sql(
              "INSERT INTO audit_log (id, at, actor, action, case_id, detail, prev_hash, hash)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              gone.id(),
              gone.at(),
              gone.actor(),
              gone.action(),
              null,
              gone.detail(),
              gone.prevHash(),
              gone.hash())
          .update();
    }
    assertThat(verifier.verify().intact()).isTrue();
  }

  @Test
  void concurrentAppendsFromManyThreadsKeepOneChain() throws Exception {
    long before = lastId();
    int threads = 6;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Long>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int n = t;
        Callable<List<Long>> work =
            () -> {
              start.await();
              List<Long> ids = new ArrayList<>();
              for (int i = 0; i < each; i++) {
                ids.add(log.append("member:" + n, "test.concurrent", null, n + "/" + i).id());
              }
              return ids;
            };
        futures.add(pool.submit(work));
      }
      start.countDown();
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : futures) {
        all.addAll(f.get(120, TimeUnit.SECONDS));
      }
      assertThat(all).doesNotHaveDuplicates().hasSize(threads * each);
      assertThat(all).allMatch(id -> id > before);
    } finally {
      pool.shutdownNow();
    }
    long after = lastId();
    assertThat(after - before).isEqualTo(threads * each);
    int rows =
        jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE id > ? AND id <= ?")
            .params(before, after)
            .query(Integer.class)
            .single();
    assertThat(rows).isEqualTo(threads * each);
    AuditVerifier.Result r = verifier.verify();
    assertThat(r.intact()).as(r.summary()).isTrue();
    assertThat(r.rowsChecked()).isGreaterThanOrEqualTo(after);
  }

  @Test
  void onlyAdminsWhoSignedReadTheLog() {
    AuditEntry e = log.append("member:" + admin.id(), "test.read", null, "read me");
    assertThat(log.byActor("member:" + admin.id(), admin, 10)).contains(e);
    assertThat(log.list(new AuditLog.Filter(Optional.empty(), Optional.empty(), 5), admin))
        .first()
        .satisfies(
            l -> assertThat(l.actorName()).isEqualTo("Display auditor (" + admin.username() + ")"));
    Fixtures fx = new Fixtures(jdbc);
    Member unsigned = fx.member("unsignedadmin", false, Role.ADMIN);
    Member cna = fx.member("cnaonly", true, Role.CNA_MEMBER);
    assertThatThrownBy(() -> log.byActor("member:1", unsigned, 10))
        .isInstanceOf(AuditAccessDenied.class);
    assertThatThrownBy(() -> log.byCase(1, cna, 10)).isInstanceOf(AuditAccessDenied.class);
    assertThatThrownBy(() -> log.byCase(1, null, 10)).isInstanceOf(AuditAccessDenied.class);
  }

  @Test
  void detailsAreCutAtTheColumnSizeAndBadInputIsRefused() {
    AuditEntry e = log.append("member:1", "test.long", null, "x".repeat(5000));
    assertThat(e.detail()).hasSize(AuditLog.MAX_DETAIL);
    assertThat(e.expectedHash()).isEqualTo(e.hash());
    assertThat(AuditLog.cut("a".repeat(3999) + "\uD83D\uDE00", 4000)).hasSize(3999);
    assertThatThrownBy(() -> log.append("", "x", null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(verifier.verify().intact()).isTrue();
  }

  @Test
  void theAdminCommandVerifiesTheChainAndNamesTheFirstBrokenEntry() {
    AuditEntry mine = log.append("member:11", "test.cli", null, "before the command");
    long before = lastId();
    // The whole command line, in this JVM, on this test's database (a context of its own).
    Run ok =
        cli(
            "audit",
            "verify",
            "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
            "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
            "--spring.datasource.password=");
    assertThat(ok.exit()).as(ok.err()).isZero();
    Matcher m = Pattern.compile("audit log intact: (\\d+) entries\\R").matcher(ok.out());
    assertThat(m.matches()).as(ok.out()).isTrue();
    assertThat(Long.parseLong(m.group(1))).isBetween(before, lastId());
    // The check is in the log itself, as the admin page's is.
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM audit_log WHERE id > ? AND actor = 'system'"
                        + " AND action = 'audit.verify' AND detail LIKE 'command line: intact, %'")
                .param(before)
                .query(Integer.class)
                .single())
        .isEqualTo(1);

    try {
      jdbc.sql("UPDATE audit_log SET detail = 'rewritten' WHERE id = ?").param(mine.id()).update();
      Run broken = run("verify");
      assertThat(broken.exit()).isEqualTo(1);
      assertThat(broken.out())
          .startsWith(
              "audit log broken at entry " + mine.id() + ": its hash does not match its content\n")
          .contains((mine.id() - 1) + " entries before it are intact.");
    } finally {
      jdbc.sql("UPDATE audit_log SET detail = ? WHERE id = ?")
          .params(mine.detail(), mine.id())
          .update();
    }
    assertThat(run("verify").exit()).isZero();

    for (List<String> bad : List.of(List.<String>of(), List.of("check"), List.of("verify", "x"))) {
      Run usage = run(bad.toArray(String[]::new));
      assertThat(usage.exit()).as(bad.toString()).isEqualTo(2);
      assertThat(usage.err()).contains("usage: admin audit verify");
      assertThat(usage.out()).isEmpty();
    }
    assertThat(
            cli(
                    "help",
                    "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                    "--spring.datasource.username="
                        + environment.getProperty("spring.datasource.username"),
                    "--spring.datasource.password=")
                .out())
        .contains("audit verify");
  }

  record Run(int exit, String out, String err) {}

  /** The command bean of this context, run directly. */
  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        command.run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code java -jar cpansec-server.jar admin ...}, in this JVM. */
  private static Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        AdminCli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private long lastId() {
    return jdbc.sql("SELECT last_id FROM audit_head").query(Long.class).single();
  }
}
