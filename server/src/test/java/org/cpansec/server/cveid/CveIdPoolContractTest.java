package org.cpansec.server.cveid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.MutableClock;
import org.cpansec.server.account.Role;
import org.cpansec.server.cveid.CveIdPool.HistoryEntry;
import org.cpansec.server.cveid.CveIdPool.PoolEntry;
import org.cpansec.server.cveid.PoolRefusal.Kind;
import org.cpansec.server.cveservices.CveServicesClient;
import org.cpansec.server.cveservices.CveServicesProperties;
import org.cpansec.server.cveservices.CveServicesStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The CVE ID pool's rules on a real database (run once per database): import, the year rule, no
 * reuse after an ID is shared, the release rules, concurrent assignment, the history, and the
 * refill from the CVE Services stand-in.
 */
abstract class CveIdPoolContractTest {
  @Autowired JdbcClient jdbc;
  @Autowired CveIdPool pool;
  @Autowired PoolRefill refill;
  @Autowired MutableClock clock;
  @Autowired CveIdTestBeans.Events events;
  @Autowired CveServicesStandIn standIn;

  PoolFixtures fx;
  Member alice;
  Member bob;

  @BeforeEach
  void fresh() {
    fx = new PoolFixtures(jdbc);
    fx.clean();
    clock.set(CveIdTestBeans.START);
    standIn.years(2040, 2041, 2042);
    standIn.quota(1000);
    events.clear();
    alice = fx.cna("alice");
    bob = fx.cna("bob");
  }

  @AfterEach
  void tidy() {
    fx.clean();
  }

  // ---- import -----------------------------------------------------------------------------

  @Test
  void importsOneIdALineIgnoringBlankLinesAndComments() {
    ImportResult r =
        pool.importText(
            "# reserved 2041-06-01\nCVE-2041-1000\n\n  CVE-2041-1001  \r\nCVE-2041-10002\n",
            "import: file ids.txt",
            alice);
    assertThat(r.added()).containsExactly("CVE-2041-1000", "CVE-2041-1001", "CVE-2041-10002");
    assertThat(r.alreadyInPool()).isEmpty();
    assertThat(r.summary()).isEqualTo("3 IDs added to the pool.");
    PoolEntry e = pool.find("CVE-2041-1001").orElseThrow();
    assertThat(e.state()).isEqualTo(CveIdState.AVAILABLE);
    assertThat(e.year()).isEqualTo(2041);
    assertThat(e.caseId()).isNull();
    assertThat(e.source()).isEqualTo("import: file ids.txt");
    assertThat(e.reservedAt().toInstant()).isEqualTo(CveIdTestBeans.START);
    assertThat(
            jdbc.sql("SELECT imported_by FROM cve_id WHERE cve_id = 'CVE-2041-1001'")
                .query(Long.class)
                .single())
        .isEqualTo(alice.id());
  }

  @Test
  void malformedLinesAreRefusedWithTheirNumbersAndNothingIsImported() {
    String text =
        String.join(
            "\n",
            "CVE-2041-2000",
            "CVE-2041-12",
            "cve-2041-2001",
            "CVE-1998-2002",
            "CVE-2043-2003",
            "",
            "CVE-2041-2004 and more",
            "CVE-2041-2005");
    PoolRefusal e =
        catchThrowableOfType(PoolRefusal.class, () -> pool.importText(text, "pasted", alice));
    assertThat(e.kind()).isEqualTo(Kind.INVALID);
    assertThat(e.getMessage())
        .isEqualTo("Nothing was imported: 5 lines are not a reserved CVE ID.");
    assertThat(e.problems())
        .containsExactly(
            "line 2: \"CVE-2041-12\" is not a CVE ID (expected CVE-YYYY-NNNN: the year, then 4 to"
                + " 19 digits)",
            "line 3: \"cve-2041-2001\" is not a CVE ID (expected CVE-YYYY-NNNN: the year, then 4"
                + " to 19 digits)",
            "line 4: CVE-1998-2002: CVE years start at 1999",
            "line 5: CVE-2043-2003: the year 2043 is after 2042",
            "line 7: \"CVE-2041-2004 and more\" is not a CVE ID (expected CVE-YYYY-NNNN: the year,"
                + " then 4 to 19 digits)");
    assertThat(fx.state("CVE-2041-2000")).isNull();
    assertThat(fx.state("CVE-2041-2005")).isNull();
  }

  @Test
  void duplicatesAreSkippedAndReported() {
    pool.importText("CVE-2041-3000\nCVE-2041-3001", "first", alice);
    long c = fx.newCase(null);
    assertThat(pool.assign(c, alice, null)).isEqualTo("CVE-2041-3000");

    ImportResult r =
        pool.importText(
            "CVE-2041-3000\nCVE-2041-3002\nCVE-2041-3001\nCVE-2041-3002\nCVE-2041-3003",
            "second",
            bob);
    assertThat(r.added()).containsExactly("CVE-2041-3002", "CVE-2041-3003");
    assertThat(r.alreadyInPool()).containsExactly("CVE-2041-3000", "CVE-2041-3001");
    assertThat(r.repeated()).containsExactly("CVE-2041-3002");
    assertThat(r.summary())
        .isEqualTo(
            "2 IDs added to the pool. Already in the pool, skipped: CVE-2041-3000, CVE-2041-3001."
                + " Listed more than once, imported once: CVE-2041-3002.");
    // The duplicate changed nothing: still assigned to its case, still from the first import.
    PoolEntry kept = pool.find("CVE-2041-3000").orElseThrow();
    assertThat(kept.state()).isEqualTo(CveIdState.ASSIGNED);
    assertThat(kept.caseId()).isEqualTo(c);
    assertThat(kept.source()).isEqualTo("first");
  }

  @Test
  void importsTheJsonOfAReservationWithItsTimes() {
    String json =
        """
        {
          "cve_ids": [
            {
              "cve_id": "CVE-2041-4000",
              "cve_year": "2041",
              "owning_cna": "cpansec",
              "state": "RESERVED",
              "requested_by": {"cna": "cpansec", "user": "someone@cpansec.test"},
              "reserved": "2041-05-02T08:30:00.000Z"
            },
            {"cve_id": "CVE-2041-4001", "cve_year": "2041", "state": "RESERVED",
             "reserved": "2041-05-02T08:30:00.000Z"}
          ],
          "meta": {"remaining_quota": 98}
        }
        """;
    ImportResult r = pool.importText(json, "pasted", alice);
    assertThat(r.added()).containsExactly("CVE-2041-4000", "CVE-2041-4001");
    assertThat(pool.find("CVE-2041-4000").orElseThrow().reservedAt().toInstant())
        .isEqualTo(Instant.parse("2041-05-02T08:30:00Z"));

    String bad =
        """
        [
          {"cve_id": "CVE-2041-4002", "state": "RESERVED"},
          {"cve_id": "CVE-2041-4003", "state": "PUBLISHED"},
          {"cve_id": "CVE-2041-4004", "cve_year": "2040"},
          {"id": "CVE-2041-4005"}
        ]
        """;
    PoolRefusal e = catchThrowableOfType(PoolRefusal.class, () -> pool.importText(bad, "p", alice));
    assertThat(e.problems())
        .containsExactly(
            "line 3: CVE-2041-4003 is PUBLISHED at CVE Services, not RESERVED: only reserved IDs"
                + " go into the pool",
            "line 4: CVE-2041-4004: cve_year is 2040, not the ID's year 2041",
            "line 5: entry 4 has no \"cve_id\"");
    assertThat(fx.state("CVE-2041-4002")).isNull();

    PoolRefusal broken =
        catchThrowableOfType(
            PoolRefusal.class,
            () -> pool.importText("{\"cve_ids\": [\n  \"CVE-2041-4006\",\n  oops\n]}", "p", alice));
    assertThat(broken.problems()).hasSize(1);
    assertThat(broken.problems().get(0)).startsWith("line 3: not valid JSON: ");

    PoolRefusal empty =
        catchThrowableOfType(PoolRefusal.class, () -> pool.importText("\n# nothing\n", "p", alice));
    assertThat(empty.getMessage()).contains("the input holds no CVE ID");
  }

  @Test
  void onlySignedCnaMembersImport() {
    Member reader = fx.member("reader", true, Role.CPANSEC_MEMBER);
    Member unsigned = fx.member("unsigned", false, Role.CNA_MEMBER);
    assertThat(
            catchThrowableOfType(
                PoolRefusal.class, () -> pool.importText("CVE-2041-5000", "p", reader)))
        .hasMessage("Only CNA members may import CVE IDs.");
    assertThat(
            catchThrowableOfType(
                PoolRefusal.class, () -> pool.importText("CVE-2041-5000", "p", unsigned)))
        .hasMessage("Sign the current pre-release disclosure agreement before you import CVE IDs.");
    assertThat(
            catchThrowableOfType(
                    PoolRefusal.class, () -> pool.importText("CVE-2041-5000", "p", null))
                .kind())
        .isEqualTo(Kind.FORBIDDEN);
    assertThat(fx.state("CVE-2041-5000")).isNull();
  }

  @Test
  void twoImportsOfTheSameIdsAtOnceAddEachIdExactlyOnce() throws Exception {
    String ids =
        IntStream.range(0, 60)
            .mapToObj(i -> "CVE-2041-" + (6000 + i))
            .collect(Collectors.joining("\n"));
    List<Object> outcomes =
        race(4, n -> pool.importText(ids, "import " + n, n % 2 == 0 ? alice : bob));
    int added = 0;
    for (Object o : outcomes) {
      if (o instanceof ImportResult r) {
        assertThat(r.added().size() + r.alreadyInPool().size()).isEqualTo(60);
        added += r.added().size();
      } else {
        // The loser of a collision rolls back whole and says so.
        assertThat(((PoolRefusal) o).kind()).isEqualTo(Kind.CONFLICT);
      }
    }
    assertThat(added).isEqualTo(60);
    assertThat(pool.list(2041, null)).hasSize(60);
  }

  // ---- the year rule ----------------------------------------------------------------------

  @Test
  void theYearOfTheEarliestPublicReportDecidesElseTheCurrentYear() {
    pool.importText("CVE-2038-0100\nCVE-2041-0200\nCVE-2041-0201", "p", alice);
    long published = fx.newCase(LocalDate.of(2038, 11, 2));
    long fresh = fx.newCase(null);

    assertThat(pool.yearFor(published).year()).isEqualTo(2038);
    assertThat(pool.yearFor(published).reason())
        .isEqualTo("the year of the earliest public report (2038-11-02)");
    assertThat(pool.assign(published, alice, null)).isEqualTo("CVE-2038-0100");
    assertThat(pool.yearFor(fresh).year()).isEqualTo(2041);
    assertThat(pool.assign(fresh, alice, null)).isEqualTo("CVE-2041-0200");

    // New year's day: the current year comes from the clock.
    clock.set(Instant.parse("2042-01-01T00:00:01Z"));
    pool.importText("CVE-2042-0001", "p", alice);
    assertThat(pool.assign(fx.newCase(null), bob, null)).isEqualTo("CVE-2042-0001");
  }

  @Test
  void noIdOfThatYearIsAClearError() {
    pool.importText("CVE-2041-0300", "p", alice);
    long c = fx.newCase(LocalDate.of(2039, 3, 1));
    PoolRefusal e = catchThrowableOfType(PoolRefusal.class, () -> pool.assign(c, alice, null));
    assertThat(e.kind()).isEqualTo(Kind.EMPTY_POOL);
    assertThat(e.getMessage())
        .isEqualTo(
            "No reserved CVE ID for 2039 in the pool; reserve some from CVE Services (or import"
                + " them) first.");
    assertThat(pool.idsOf(c)).isEmpty();
    assertThat(fx.state("CVE-2041-0300")).isEqualTo("AVAILABLE");

    long future = fx.newCase(LocalDate.of(2041, 7, 1));
    assertThat(catchThrowableOfType(PoolRefusal.class, () -> pool.assign(future, alice, null)))
        .hasMessageContaining("(2041-07-01) is in the future");
  }

  @Test
  void theLowestNumberGoesFirstAndACaseMayHoldSeveral() {
    pool.importText("CVE-2041-10000\nCVE-2041-9999\nCVE-2041-1001", "p", alice);
    long dualLife = fx.newCase(null);
    assertThat(pool.assign(dualLife, alice, "the module's own CVE")).isEqualTo("CVE-2041-1001");
    assertThat(pool.assign(dualLife, alice, "perl's CVE (CWE-1395)")).isEqualTo("CVE-2041-9999");
    assertThat(pool.idsOf(dualLife).stream().map(PoolEntry::cveId))
        .containsExactly("CVE-2041-1001", "CVE-2041-9999");
    assertThat(pool.available(2041)).isEqualTo(1);
  }

  @Test
  void onlySignedCnaMembersAssignAndRelease() {
    pool.importText("CVE-2041-0400", "p", alice);
    long c = fx.newCase(null);
    Member reader = fx.member("reader", true, Role.CPANSEC_MEMBER);
    Member admin = fx.member("admin", true, Role.ADMIN);
    Member unsigned = fx.member("unsigned", false, Role.CNA_MEMBER);
    for (Member m : List.of(reader, admin, unsigned)) {
      PoolRefusal e = catchThrowableOfType(PoolRefusal.class, () -> pool.assign(c, m, null));
      assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN);
    }
    assertThat(catchThrowableOfType(PoolRefusal.class, () -> pool.assign(c, unsigned, null)))
        .hasMessage("Sign the current pre-release disclosure agreement before you assign CVE IDs.");
    assertThat(fx.state("CVE-2041-0400")).isEqualTo("AVAILABLE");

    String id = pool.assign(c, alice, null);
    assertThat(catchThrowableOfType(PoolRefusal.class, () -> pool.release(c, id, reader, null)))
        .hasMessage("Only CNA members may release CVE IDs.");
    assertThat(fx.state(id)).isEqualTo("ASSIGNED");
    assertThat(pool.history(c)).hasSize(1);
  }

  @Test
  void aClosedCaseGetsNoId() {
    pool.importText("CVE-2041-0500", "p", alice);
    long closed = fx.newCase("CLOSED", null, false);
    PoolRefusal e = catchThrowableOfType(PoolRefusal.class, () -> pool.assign(closed, alice, null));
    assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
    assertThat(e.getMessage()).endsWith("is closed: no CVE ID is assigned to it.");
    assertThat(
            catchThrowableOfType(PoolRefusal.class, () -> pool.assign(987654321L, alice, null))
                .kind())
        .isEqualTo(Kind.NOT_FOUND);
  }

  // ---- release, share, publish, reject ----------------------------------------------------

  @Test
  void anUnsharedIdGoesBackToThePoolAndToTheNextCase() {
    pool.importText("CVE-2041-0600\nCVE-2041-0601", "p", alice);
    long first = fx.newCase(null);
    long second = fx.newCase(null);
    String id = pool.assign(first, alice, null);
    CveIdPool.Released r = pool.release(first, id, bob, "duplicate of another case");
    assertThat(r.newState()).isEqualTo(CveIdState.AVAILABLE);
    PoolEntry e = pool.find(id).orElseThrow();
    assertThat(e.state()).isEqualTo(CveIdState.AVAILABLE);
    assertThat(e.caseId()).isNull();
    assertThat(pool.assign(second, alice, null)).isEqualTo(id);
    assertThat(pool.historyOf(id).stream().map(HistoryEntry::action))
        .containsExactly(PoolAction.ASSIGN, PoolAction.RELEASE, PoolAction.ASSIGN);
    assertThat(pool.history(first).get(1).note()).isEqualTo("duplicate of another case");
  }

  @Test
  void aSharedIdIsNeverReassignedReleasingItRejectsIt() {
    pool.importText("CVE-2041-0700\nCVE-2041-0701\nCVE-2041-0702", "p", alice);
    long c = fx.newCase(null);
    String id = pool.assign(c, alice, null);
    clock.set(CveIdTestBeans.START.plusSeconds(3600));
    assertThat(pool.markShared(c, alice)).containsExactly(id);
    PoolEntry shared = pool.find(id).orElseThrow();
    assertThat(shared.state()).isEqualTo(CveIdState.SHARED);
    assertThat(shared.sharedAt().toInstant()).isEqualTo(CveIdTestBeans.START.plusSeconds(3600));

    CveIdPool.Released r = pool.release(c, id, alice, "not a vulnerability");
    assertThat(r.newState()).isEqualTo(CveIdState.REJECTED);
    PoolEntry rejected = pool.find(id).orElseThrow();
    assertThat(rejected.state()).isEqualTo(CveIdState.REJECTED);
    assertThat(rejected.caseId()).isEqualTo(c);
    assertThat(rejected.awaitsRejectionAtCveServices()).isTrue();
    assertThat(pool.history(c).get(2).action()).isEqualTo(PoolAction.REJECT);
    assertThat(pool.history(c).get(2).note())
        .isEqualTo(
            "released after it was shared: never reused, reject it at CVE Services: not a"
                + " vulnerability");

    // Every later assignment, to any case, takes another ID.
    List<String> later = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      later.add(pool.assign(fx.newCase(null), bob, null));
    }
    assertThat(later).containsExactly("CVE-2041-0701", "CVE-2041-0702").doesNotContain(id);
    assertThat(
            catchThrowableOfType(PoolRefusal.class, () -> pool.assign(fx.newCase(null), bob, null))
                .kind())
        .isEqualTo(Kind.EMPTY_POOL);
    assertThat(fx.state(id)).isEqualTo("REJECTED");
  }

  @Test
  void releaseRules() {
    pool.importText("CVE-2041-0800\nCVE-2041-0801\nCVE-2041-0802", "p", alice);
    long c = fx.newCase(null);
    long other = fx.newCase(null);
    String published = pool.assign(c, alice, null);
    String rejected = pool.assign(c, alice, null);
    String elsewhere = pool.assign(other, alice, null);
    pool.markShared(c, alice);
    pool.markPublished(published, alice);
    pool.reject(rejected, alice, "withdrawn");

    PoolRefusal p =
        catchThrowableOfType(PoolRefusal.class, () -> pool.release(c, published, alice, null));
    assertThat(p.kind()).isEqualTo(Kind.CONFLICT);
    assertThat(p.getMessage())
        .isEqualTo(published + " is published: it cannot be released; reject its record instead.");
    assertThat(
            catchThrowableOfType(PoolRefusal.class, () -> pool.release(c, rejected, alice, null)))
        .hasMessage(rejected + " is REJECTED: nothing to release.");
    PoolRefusal notHere =
        catchThrowableOfType(PoolRefusal.class, () -> pool.release(c, elsewhere, alice, null));
    assertThat(notHere.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(notHere.getMessage()).startsWith(elsewhere + " is not assigned to case CVEIDT-");
    assertThat(fx.state(elsewhere)).isEqualTo("ASSIGNED");
    assertThat(
            catchThrowableOfType(
                    PoolRefusal.class, () -> pool.release(c, "CVE-2041-9876", alice, null))
                .kind())
        .isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void shareAndPublishAreIdempotentAndOnlyMoveForward() {
    pool.importText("CVE-2041-0900\nCVE-2041-0901\nCVE-2041-0902\nCVE-2041-0903", "p", alice);
    long c = fx.newCase(null);
    String a = pool.assign(c, alice, null);
    String b = pool.assign(c, alice, null);
    assertThat(pool.markShared(c, alice)).containsExactly(a, b);
    assertThat(pool.markShared(c, alice)).isEmpty();

    assertThat(pool.markPublished(a, alice)).isTrue();
    assertThat(pool.markPublished(a, alice)).isFalse();
    assertThat(fx.state(a)).isEqualTo("PUBLISHED");

    // An ID published straight from ASSIGNED (already public: no maintainer mail) gets shared_at.
    long d = fx.newCase(null);
    String direct = pool.assign(d, alice, null);
    assertThat(pool.markPublished(direct, null)).isTrue();
    assertThat(pool.find(direct).orElseThrow().sharedAt()).isNotNull();
    assertThat(pool.history(d).get(1).memberName()).isEqualTo("system");

    assertThat(
            catchThrowableOfType(
                    PoolRefusal.class, () -> pool.markPublished("CVE-2041-0903", alice))
                .kind())
        .isEqualTo(Kind.CONFLICT);
    assertThat(
            catchThrowableOfType(PoolRefusal.class, () -> pool.reject("CVE-2041-0903", alice, "x"))
                .kind())
        .isEqualTo(Kind.CONFLICT);
    assertThat(
            catchThrowableOfType(
                    PoolRefusal.class,
                    () -> pool.markShared(c, fx.member("reader", true, Role.CPANSEC_MEMBER)))
                .kind())
        .isEqualTo(Kind.FORBIDDEN);
  }

  @Test
  void rejectingAnUnsharedIdSaysToReleaseIt() {
    pool.importText("CVE-2041-1100", "p", alice);
    long c = fx.newCase(null);
    String id = pool.assign(c, alice, null);
    assertThat(catchThrowableOfType(PoolRefusal.class, () -> pool.reject(id, alice, "no")))
        .hasMessage(
            id + " has not left the CNA: release it back to the pool instead of rejecting it.");
    pool.markShared(c, alice);
    pool.reject(id, alice, "duplicate");
    assertThat(fx.state(id)).isEqualTo("REJECTED");
    assertThat(catchThrowableOfType(PoolRefusal.class, () -> pool.reject(id, alice, "again")))
        .hasMessage(id + " is already rejected.");
  }

  @Test
  void everyStepIsOneHistoryRowAndOneEvent() {
    pool.importText("CVE-2041-1200", "p", alice);
    long c = fx.newCase(null);
    clock.set(Instant.parse("2041-06-15T11:00:00Z"));
    String id = pool.assign(c, alice, "first");
    clock.set(Instant.parse("2041-06-16T09:00:00Z"));
    pool.markShared(c, bob);
    clock.set(Instant.parse("2041-06-30T12:00:00Z"));
    pool.markPublished(id, alice);
    clock.set(Instant.parse("2041-08-01T12:00:00Z"));
    pool.reject(id, bob, "disputed and withdrawn");

    List<HistoryEntry> h = pool.history(c);
    assertThat(h.stream().map(HistoryEntry::action))
        .containsExactly(
            PoolAction.ASSIGN, PoolAction.SHARE, PoolAction.PUBLISH, PoolAction.REJECT);
    assertThat(h.stream().map(HistoryEntry::memberId))
        .containsExactly(alice.id(), bob.id(), alice.id(), bob.id());
    assertThat(h.stream().map(HistoryEntry::memberName))
        .containsExactly(alice.username(), bob.username(), alice.username(), bob.username());
    assertThat(h.stream().map(x -> x.at().toInstant()))
        .containsExactly(
            Instant.parse("2041-06-15T11:00:00Z"),
            Instant.parse("2041-06-16T09:00:00Z"),
            Instant.parse("2041-06-30T12:00:00Z"),
            Instant.parse("2041-08-01T12:00:00Z"));
    assertThat(h).allSatisfy(x -> assertThat(x.caseId()).isEqualTo(c));
    assertThat(h).allSatisfy(x -> assertThat(x.cveId()).isEqualTo(id));
    assertThat(h.get(0).note()).isEqualTo("first");
    assertThat(h.get(3).note()).isEqualTo("disputed and withdrawn");

    List<CveIdEvent> seen = events.seen();
    assertThat(seen.stream().map(CveIdEvent::action))
        .containsExactly(
            PoolAction.ASSIGN, PoolAction.SHARE, PoolAction.PUBLISH, PoolAction.REJECT);
    assertThat(seen.get(1).memberId()).isEqualTo(bob.id());
    assertThat(seen.get(3).at().toInstant()).isEqualTo(Instant.parse("2041-08-01T12:00:00Z"));
  }

  // ---- concurrency ------------------------------------------------------------------------

  @Test
  void membersAssigningAtOnceNeverGetTheSameId() throws Exception {
    int ids = 12;
    int threads = 20;
    pool.importText(
        IntStream.range(0, ids)
            .mapToObj(i -> "CVE-2041-" + (1300 + i))
            .collect(Collectors.joining("\n")),
        "p",
        alice);
    List<Long> cases = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      cases.add(fx.newCase(null));
    }
    List<Object> outcomes =
        race(threads, n -> pool.assign(cases.get(n), n % 2 == 0 ? alice : bob, null));

    List<String> assigned = new ArrayList<>();
    int empty = 0;
    for (Object o : outcomes) {
      if (o instanceof String id) {
        assigned.add(id);
      } else {
        assertThat(((PoolRefusal) o).kind()).isEqualTo(Kind.EMPTY_POOL);
        empty++;
      }
    }
    assertThat(assigned).hasSize(ids).doesNotHaveDuplicates();
    assertThat(empty).isEqualTo(threads - ids);
    Map<String, Long> owner =
        pool.list(2041, CveIdState.ASSIGNED).stream()
            .collect(Collectors.toMap(PoolEntry::cveId, PoolEntry::caseId));
    assertThat(owner).hasSize(ids);
    assertThat(new HashSet<>(owner.values())).hasSize(ids);
    for (int n = 0; n < threads; n++) {
      if (outcomes.get(n) instanceof String id) {
        assertThat(owner.get(id)).isEqualTo(cases.get(n));
      }
    }
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM cve_assignment WHERE action = 'ASSIGN' AND cve_id LIKE"
                        + " 'CVE-2041-%'")
                .query(Integer.class)
                .single())
        .isEqualTo(ids);
  }

  // ---- CVE Services -----------------------------------------------------------------------

  @Test
  void refillReservesAtCveServicesAndImports() {
    ImportResult r = refill.refill(2041, 3, alice);
    assertThat(r.added()).hasSize(3);
    for (String id : r.added()) {
      assertThat(id).startsWith("CVE-2041-");
      PoolEntry e = pool.find(id).orElseThrow();
      assertThat(e.state()).isEqualTo(CveIdState.AVAILABLE);
      assertThat(e.source()).isEqualTo("cve-services");
      assertThat(standIn.state(id)).isEqualTo("RESERVED");
    }
    assertThat(standIn.requests())
        .contains(
            "POST /api/cve-id?amount=3&cve_year=2041&short_name=cpansec&batch_type=sequential");

    PoolRefusal wrongYear =
        catchThrowableOfType(PoolRefusal.class, () -> refill.refill(2039, 1, alice));
    assertThat(wrongYear.getMessage()).isEqualTo("Reserve IDs for 2040, 2041 or 2042, not 2039.");
    assertThat(
            catchThrowableOfType(PoolRefusal.class, () -> refill.refill(2041, 101, alice)).kind())
        .isEqualTo(Kind.INVALID);
    assertThat(
            catchThrowableOfType(
                    PoolRefusal.class,
                    () -> refill.refill(2041, 1, fx.member("reader", true, Role.CPANSEC_MEMBER)))
                .kind())
        .isEqualTo(Kind.FORBIDDEN);
  }

  @Test
  void aRefusedReservationChangesNothing() {
    standIn.quota(2);
    int before = pool.list(2041, null).size();
    PoolRefusal e = catchThrowableOfType(PoolRefusal.class, () -> refill.refill(2041, 5, alice));
    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage())
        .isEqualTo(
            "Nothing was reserved. CVE Services refused POST /cve-id: HTTP 403 EXCEEDED_ID_QUOTA:"
                + " The amount requested exceeds the available quota.");
    assertThat(pool.list(2041, null)).hasSize(before);
  }

  @Test
  void fetchAddsTheReservedIdsThePoolLacks() {
    standIn.seed("CVE-2041-55501", CveServicesStandIn.ORG, "RESERVED");
    standIn.seed("CVE-2041-55502", CveServicesStandIn.ORG, "RESERVED");
    standIn.seed("CVE-2041-55503", CveServicesStandIn.ORG, "PUBLISHED");
    standIn.seed("CVE-2041-55504", "other-cna", "RESERVED");
    pool.importText("CVE-2041-55502", "earlier by hand", alice);

    ImportResult r = refill.fetchReserved(bob);
    assertThat(r.added()).contains("CVE-2041-55501").doesNotContain("CVE-2041-55502");
    assertThat(r.alreadyInPool()).contains("CVE-2041-55502");
    assertThat(fx.state("CVE-2041-55503")).isNull();
    assertThat(fx.state("CVE-2041-55504")).isNull();
    assertThat(pool.find("CVE-2041-55501").orElseThrow().source()).isEqualTo("cve-services");
    assertThat(pool.find("CVE-2041-55502").orElseThrow().source()).isEqualTo("earlier by hand");
    for (String id : r.added()) {
      assertThat(standIn.state(id)).isEqualTo("RESERVED");
    }
  }

  @Test
  void aRejectedIdIsRejectedAtCveServicesOnce() {
    List<String> ids = refill.refill(2041, 2, alice).added();
    long c = fx.newCase(null);
    String shared = pool.assign(c, alice, null);
    String published = pool.assign(c, alice, null);
    pool.markShared(c, alice);
    pool.release(c, shared, alice, "not a vulnerability");
    pool.markPublished(published, alice);
    standIn.seed(published, CveServicesStandIn.ORG, "PUBLISHED");
    pool.reject(published, alice, "duplicate");
    assertThat(ids).containsExactlyInAnyOrder(shared, published);

    refill.rejectAtCveServices(shared, alice);
    assertThat(standIn.state(shared)).isEqualTo("REJECTED");
    assertThat(standIn.record(shared).at("/containers/cna/rejectedReasons/0/value").asText())
        .isEqualTo(PoolRefill.REJECT_REASON);
    assertThat(pool.find(shared).orElseThrow().rejectedAtCveServices().toInstant())
        .isEqualTo(CveIdTestBeans.START);
    assertThat(standIn.requests()).contains("POST /api/cve/" + shared + "/reject");

    refill.rejectAtCveServices(published, alice);
    assertThat(standIn.requests()).contains("PUT /api/cve/" + published + "/reject");
    assertThat(standIn.state(published)).isEqualTo("REJECTED");

    assertThat(
            catchThrowableOfType(
                PoolRefusal.class, () -> refill.rejectAtCveServices(shared, alice)))
        .hasMessage(shared + " is not a rejected ID waiting to be rejected at CVE Services.");
  }

  @Test
  void withoutCveServicesTheRefillSaysWhatToConfigure() {
    CveServicesClient off =
        new CveServicesClient(
            new CveServicesProperties(
                standIn.baseUrl(),
                null,
                null,
                null,
                java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(1)));
    PoolRefill none = new PoolRefill(pool, off, clock);
    assertThat(none.enabled()).isFalse();
    PoolRefusal e = catchThrowableOfType(PoolRefusal.class, () -> none.refill(2041, 1, alice));
    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage())
        .isEqualTo(
            "CVE Services is not configured: set cpansec.cve-services.org"
                + " cpansec.cve-services.user cpansec.cve-services.api-key.");
  }

  // ---- helpers ----------------------------------------------------------------------------

  /** A task of thread n. */
  interface Task {
    Object run(int n) throws Exception;
  }

  /**
   * Runs the task on that many threads released together; returns each thread's result or its
   * {@link PoolRefusal}, by thread number. Any other failure fails the test.
   */
  static List<Object> race(int threads, Task task) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        Callable<Object> c =
            () -> {
              start.await();
              try {
                return task.run(n);
              } catch (PoolRefusal e) {
                return e;
              }
            };
        futures.add(pool.submit(c));
      }
      List<Object> out = new ArrayList<>(Collections.nCopies(threads, null));
      for (int i = 0; i < threads; i++) {
        out.set(i, futures.get(i).get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
