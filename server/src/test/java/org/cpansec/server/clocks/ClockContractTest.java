package org.cpansec.server.clocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The disclosure clock on a real database (Berlin time, holidays 2090-12-25 and 2091-01-01):
 * maintainer contact, extensions, coordinated dates, already public, abandoned vs unresponsive,
 * disputes, and what {@link Deadlines} says is due and overdue. Run once per database.
 */
abstract class ClockContractTest extends ClockTestBase {
  @Autowired DisclosureClock clocks;
  @Autowired Deadlines deadlines;

  Member cna;

  @BeforeEach
  void fresh() {
    clock.set(START);
    cna = cna("Carla");
  }

  private CaseClock view(long caseId) {
    return clocks.view(caseId).orElseThrow();
  }

  private List<String> actions(long caseId) {
    return view(caseId).history().stream().map(CaseClock.Event::action).toList();
  }

  @Test
  void theMaintainerContactSetsThePlannedDateFourteenDaysOnInTheConfiguredZone() {
    long c = newCase("TRIAGE", START);
    clock.set(at("2090-03-03T08:00:00Z"));
    // 23:30 UTC on the 2nd is 00:30 on the 3rd in Berlin: the mail's date is the 3rd.
    DisclosureClock.Change done = clocks.recordContact(cna, c, at("2090-03-02T23:30:00Z"));
    assertThat(done.plannedDisclosure()).isEqualTo(date("2090-03-17"));
    assertThat(planned(c)).isEqualTo(date("2090-03-17"));
    CaseClock v = view(c);
    assertThat(v.maintainerContactedAt()).isEqualTo(at("2090-03-02T23:30:00Z"));
    assertThat(v.plannedSource()).isEqualTo("CONTACT");
    assertThat(v.status()).isEqualTo(MaintainerStatus.AWAITING_ANSWER);
    CaseClock.Event e = v.history().get(0);
    assertThat(e.action()).isEqualTo("MAINTAINER_CONTACTED");
    assertThat(e.member()).isEqualTo("Carla");
    assertThat(e.oldDate()).isNull();
    assertThat(e.newDate()).isEqualTo(date("2090-03-17"));
    // Recorded again (a correction): the date follows the contact.
    clocks.recordContact(cna, c, at("2090-03-03T07:00:00Z"));
    assertThat(planned(c)).isEqualTo(date("2090-03-17"));
    clocks.recordContact(cna, c, at("2090-03-01T10:00:00Z"));
    assertThat(planned(c)).isEqualTo(date("2090-03-15"));
  }

  @Test
  void aSensitiveCaseIsChangedOnlyByTheCnaMembersNamedOnItAndEveryChangeIsAudited() {
    long c = newCase("TRIAGE", START);
    jdbc.sql("UPDATE cna_case SET sensitive = TRUE WHERE id = ?").param(c).update();
    // Not named on it: the case does not exist for this member, and nothing is written.
    assertThatThrownBy(() -> clocks.recordContact(cna, c, START))
        .isInstanceOf(ClockException.class)
        .hasMessage("There is no such case.");
    assertThat(clocks.read(cna, c)).isEmpty();
    assertThat(planned(c)).isNull();
    assertThat(audited(c)).isEmpty();

    jdbc.sql("INSERT INTO case_restricted_member (case_id, member_id, added_at) VALUES (?, ?, ?)")
        .params(c, cna.id(), utc(START))
        .update();
    clocks.recordContact(cna, c, START);
    clocks.requestExtension(cna, c, date("2090-03-29"), "Needs a release", "maintainer");
    assertThat(clocks.read(cna, c)).isPresent();
    assertThat(audited(c))
        .containsExactly(
            "member:" + cna.id() + " clock.maintainer_contacted",
            "member:" + cna.id() + " clock.extension_requested",
            "member:" + cna.id() + " clock.view");
    // The audit entry names the event and the dates, never the reason or who asked.
    assertThat(
            jdbc.sql("SELECT detail FROM audit_log WHERE case_id = ? AND action = ?")
                .params(c, "clock.extension_requested")
                .query(String.class)
                .single())
        .matches("clock event \\d+, planned date 2090-03-15 -> 2090-03-15")
        .doesNotContain("Needs a release", "maintainer");
  }

  private List<String> audited(long caseId) {
    return jdbc.sql("SELECT actor, action FROM audit_log WHERE case_id = ? ORDER BY id")
        .param(caseId)
        .query((rs, n) -> rs.getString(1) + " " + rs.getString(2))
        .list();
  }

  @Test
  void aContactThatCannotBeIsRefusedWithTheReason() {
    long c = newCase("TRIAGE", START);
    assertThatThrownBy(() -> clocks.recordContact(cna, c, START.plusSeconds(60)))
        .isInstanceOf(ClockException.class)
        .hasMessageContaining("in the future");
    assertThatThrownBy(() -> clocks.recordContact(cna, c, START.minusSeconds(3600)))
        .hasMessageContaining("before the case was reported");
    Member reader = member("Rita", true, Role.CPANSEC_MEMBER);
    assertThatThrownBy(() -> clocks.recordContact(reader, c, START))
        .hasMessageContaining("Only CNA members");
    Member unsigned = member("Uwe", false, Role.CNA_MEMBER);
    assertThatThrownBy(() -> clocks.recordContact(unsigned, c, START))
        .hasMessageContaining("Only CNA members who signed");
    setState(c, "PUBLISHED");
    assertThatThrownBy(() -> clocks.recordContact(cna, c, START))
        .hasMessageContaining("PUBLISHED: its disclosure clock no longer runs");
    assertThat(planned(c)).isNull();
    assertThat(actions(c)).isEmpty();
  }

  @Test
  void anExtensionIsRequestedThenGrantedOrRefusedWithAReason() {
    long c = newCase("MAINTAINER_CONTACTED", START);
    assertThatThrownBy(
            () -> clocks.requestExtension(cna, c, date("2090-04-01"), "more time", "maint"))
        .hasMessageContaining("record the maintainer contact first");
    clocks.recordContact(cna, c, START);
    assertThat(planned(c)).isEqualTo(date("2090-03-15"));
    assertThatThrownBy(
            () -> clocks.requestExtension(cna, c, date("2090-03-15"), "more time", "maint"))
        .hasMessageContaining("later than the planned date 2090-03-15");
    assertThatThrownBy(() -> clocks.requestExtension(cna, c, date("2090-03-29"), " ", "maint"))
        .hasMessageContaining("Enter the reason");

    clocks.requestExtension(
        cna, c, date("2090-03-29"), "Release needs a co-maintainer", "maint@example.org");
    CaseClock.Extension x = view(c).extensions().get(0);
    assertThat(x.pending()).isTrue();
    assertThat(x.requestedBy()).isEqualTo("maint@example.org");
    assertThat(planned(c)).as("unchanged until decided").isEqualTo(date("2090-03-15"));

    Member other = cna("Otto");
    assertThatThrownBy(() -> clocks.decideExtension(other, c, x.id(), true, "", null))
        .hasMessageContaining("Enter the reason for the decision");
    DisclosureClock.Change granted =
        clocks.decideExtension(other, c, x.id(), true, "Fix is in review", null);
    assertThat(granted.plannedDisclosure()).isEqualTo(date("2090-03-29"));
    assertThat(planned(c)).isEqualTo(date("2090-03-29"));
    CaseClock v = view(c);
    assertThat(v.plannedSource()).isEqualTo("EXTENSION");
    assertThat(v.extensions().get(0).status()).isEqualTo("GRANTED");
    assertThat(v.extensions().get(0).decidedBy()).isEqualTo("Otto");
    assertThat(v.extensions().get(0).decisionReason()).isEqualTo("Fix is in review");
    assertThatThrownBy(() -> clocks.decideExtension(other, c, x.id(), false, "again", null))
        .hasMessageContaining("already decided (granted)");

    // A second request, refused: the date stays.
    clocks.requestExtension(cna, c, date("2090-05-01"), "Holidays", "maint@example.org");
    long second = view(c).extensions().get(1).id();
    clocks.decideExtension(cna, c, second, false, "Too long for an RCE", null);
    assertThat(planned(c)).isEqualTo(date("2090-03-29"));
    assertThat(view(c).extensions().get(1).status()).isEqualTo("REFUSED");
    // A third, granted to another date than asked.
    clocks.requestExtension(cna, c, date("2090-05-01"), "Holidays", "maint@example.org");
    long third = view(c).extensions().get(2).id();
    clocks.decideExtension(cna, c, third, true, "Two weeks, not four", date("2090-04-12"));
    assertThat(planned(c)).isEqualTo(date("2090-04-12"));
    // A later contact record does not undo an extension.
    clock.set(START.plusSeconds(120));
    clocks.recordContact(cna, c, START.plusSeconds(60));
    assertThat(planned(c)).isEqualTo(date("2090-04-12"));
    assertThat(actions(c))
        .containsExactly(
            "MAINTAINER_CONTACTED",
            "EXTENSION_REQUESTED",
            "EXTENSION_GRANTED",
            "EXTENSION_REQUESTED",
            "EXTENSION_REFUSED",
            "EXTENSION_REQUESTED",
            "EXTENSION_GRANTED",
            "MAINTAINER_CONTACTED");
  }

  @Test
  void twoMembersDecidingTheSameRequestAtOnceDecideItOnce() throws Exception {
    long c = newCase("MAINTAINER_CONTACTED", START);
    clocks.recordContact(cna, c, START);
    clocks.requestExtension(cna, c, date("2090-03-29"), "Needs time", "maintainer");
    long x = view(c).extensions().get(0).id();
    Member other = cna("Olga");
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    List<java.util.concurrent.Future<String>> outcomes = new java.util.ArrayList<>();
    try {
      for (Member m : List.of(cna, other)) {
        outcomes.add(
            pool.submit(
                () -> {
                  together.await();
                  try {
                    clocks.decideExtension(m, c, x, true, "ok by " + m.displayName(), null);
                    return "granted";
                  } catch (ClockException e) {
                    return e.getMessage();
                  }
                }));
      }
      List<String> results = new java.util.ArrayList<>();
      for (var f : outcomes) {
        results.add(f.get());
      }
      assertThat(results)
          .containsExactlyInAnyOrder("granted", "This request was already decided (granted).");
    } finally {
      pool.shutdown();
    }
    assertThat(actions(c)).filteredOn("EXTENSION_GRANTED"::equals).hasSize(1);
    assertThat(planned(c)).isEqualTo(date("2090-03-29"));
  }

  @Test
  void aCoordinatedDateIsSharedBySeveralCasesAndEveryChangeIsRecordedOnEach() {
    long a = newCase("EMBARGO", START);
    long b = newCase("EMBARGO", START);
    long c = newCase("TRIAGE", START);
    clocks.recordContact(cna, a, START);
    assertThatThrownBy(
            () ->
                clocks.setCoordinatedDate(cna, a, date("2090-04-01"), List.of(), null, id -> true))
        .hasMessageContaining("Name at least one other case");
    assertThatThrownBy(
            () ->
                clocks.setCoordinatedDate(
                    cna, a, date("2090-02-28"), List.of(ref(b)), null, id -> true))
        .hasMessageContaining("in the past");
    assertThatThrownBy(
            () ->
                clocks.setCoordinatedDate(
                    cna, a, date("2090-04-01"), List.of("CLK-NOSUCHCASE"), null, id -> true))
        .hasMessageContaining("There is no case CLK-NOSUCHCASE");
    // A case the member may not see is refused like one that does not exist.
    assertThatThrownBy(
            () ->
                clocks.setCoordinatedDate(
                    cna, a, date("2090-04-01"), List.of(ref(b)), null, id -> id != b))
        .hasMessage("There is no case " + ref(b) + ".");

    clocks.setCoordinatedDate(
        cna,
        a,
        date("2090-04-01"),
        List.of(ref(b), ref(c)),
        "Same flaw in three forks",
        id -> true);
    for (long x : List.of(a, b, c)) {
      assertThat(planned(x)).isEqualTo(date("2090-04-01"));
      CaseClock v = view(x);
      assertThat(v.plannedSource()).isEqualTo("COORDINATED");
      assertThat(v.coordination().date()).isEqualTo(date("2090-04-01"));
      assertThat(v.coordination().otherReferences()).hasSize(2).doesNotContain(ref(x));
      CaseClock.Event e = v.history().get(v.history().size() - 1);
      assertThat(e.action()).isEqualTo("COORDINATED_DATE");
      assertThat(e.newDate()).isEqualTo(date("2090-04-01"));
      assertThat(e.detail()).contains(ref(a), ref(b), ref(c), "Same flaw in three forks");
    }
    assertThat(view(a).history().get(1).oldDate()).isEqualTo(date("2090-03-15"));

    // Changed from any case of the group, without naming the others: all move.
    clocks.setCoordinatedDate(cna, b, date("2090-04-08"), List.of(), null, id -> true);
    for (long x : List.of(a, b, c)) {
      assertThat(planned(x)).isEqualTo(date("2090-04-08"));
      assertThat(actions(x)).filteredOn("COORDINATED_DATE"::equals).hasSize(2);
    }
    // An extension granted on one case moves the whole group.
    clocks.requestExtension(cna, c, date("2090-04-15"), "Fork needs time", "fork maintainer");
    long x = view(c).extensions().get(0).id();
    clocks.decideExtension(cna, c, x, true, "Keep the forks together", null);
    for (long y : List.of(a, b, c)) {
      assertThat(planned(y)).isEqualTo(date("2090-04-15"));
    }
    // A case of another group cannot join before leaving it.
    long d = newCase("EMBARGO", START);
    long e = newCase("EMBARGO", START);
    clocks.setCoordinatedDate(cna, d, date("2090-05-01"), List.of(ref(e)), null, id -> true);
    assertThatThrownBy(
            () ->
                clocks.setCoordinatedDate(
                    cna, a, date("2090-04-15"), List.of(ref(d)), null, id -> true))
        .hasMessageContaining(ref(d) + " already shares a coordinated date");
    // Leaving keeps the date; the last one left in a group is no longer coordinated.
    clocks.leaveCoordination(cna, d);
    assertThat(view(d).coordination()).isNull();
    assertThat(view(e).coordination()).isNull();
    assertThat(planned(d)).isEqualTo(date("2090-05-01"));
    assertThat(actions(e)).endsWith("LEFT_COORDINATION");
    assertThatThrownBy(() -> clocks.leaveCoordination(cna, d))
        .hasMessageContaining("shares no coordinated date");
  }

  @Test
  void alreadyPublicSetsThePlannedDateToTodayAndKeepsTheEvidence() {
    long c = newCase("EMBARGO", START);
    long other = newCase("EMBARGO", START);
    clocks.recordContact(cna, c, START);
    clocks.setCoordinatedDate(cna, c, date("2090-04-01"), List.of(ref(other)), null, id -> true);
    clock.set(at("2090-03-05T12:00:00Z"));
    assertThatThrownBy(() -> clocks.markAlreadyPublic(cna, c, "", null))
        .hasMessageContaining("Enter the link to the evidence");
    assertThatThrownBy(() -> clocks.markAlreadyPublic(cna, c, "javascript:alert(1)", null))
        .hasMessageContaining("http or https address");
    clocks.markAlreadyPublic(
        cna, c, "https://github.com/example/Embargoed-Dist/issues/7", "Public issue by the finder");
    CaseClock v = view(c);
    assertThat(v.plannedDisclosure()).isEqualTo(date("2090-03-05"));
    assertThat(v.plannedSource()).isEqualTo("ALREADY_PUBLIC");
    assertThat(v.publicSince()).isEqualTo(date("2090-03-05"));
    assertThat(v.publicEvidenceUrl())
        .isEqualTo("https://github.com/example/Embargoed-Dist/issues/7");
    assertThat(v.publicEvidenceNote()).isEqualTo("Public issue by the finder");
    // No embargo: it left the group (which it dissolves), nothing to extend or coordinate.
    assertThat(v.coordination()).isNull();
    assertThat(view(other).coordination()).isNull();
    assertThat(planned(other)).isEqualTo(date("2090-04-01"));
    assertThat(actions(c)).endsWith("LEFT_COORDINATION", "ALREADY_PUBLIC");
    assertThatThrownBy(() -> clocks.requestExtension(cna, c, date("2090-04-01"), "r", "m"))
        .hasMessageContaining("no embargo");
    assertThatThrownBy(
            () ->
                clocks.setCoordinatedDate(
                    cna, other, date("2090-04-01"), List.of(ref(c)), null, id -> true))
        .hasMessageContaining(ref(c) + " has no embargo");
    // Disclosure is due today: overdue from midnight Berlin time.
    assertThat(deadlines.forCase(c).overdue())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(DeadlineKind.DISCLOSURE_DATE);
              assertThat(d.dueAt()).isEqualTo(at("2090-03-04T23:00:00Z"));
            });
  }

  private AbandonmentCheck holding(AbandonmentCriterion c) {
    return new AbandonmentCheck(
        c,
        true,
        c.isActivity() ? date("2084-06-30") : null,
        "Checked " + c.label(),
        "https://metacpan.org/dist/Embargoed-Dist",
        date("2090-03-01"),
        null);
  }

  @Test
  void fiveConditionsForFiveYearsMakeTheModuleAbandonedWithoutGracePeriod() {
    long c = newCase("MAINTAINER_CONTACTED", START);
    clocks.recordContact(cna, c, START);
    clock.set(START.plusSeconds(600));
    clocks.recordResponse(cna, c, DisclosureClock.Response.BOUNCED, START.plusSeconds(300));
    assertThat(view(c).status()).isEqualTo(MaintainerStatus.BOUNCED);
    clock.set(at("2090-03-02T10:00:00Z"));
    // Contradictory or unsupported checks are refused with the reason.
    assertThatThrownBy(
            () ->
                clocks.recordAbandonmentCheck(
                    cna,
                    c,
                    new AbandonmentCheck(
                        AbandonmentCriterion.NO_RELEASE,
                        true,
                        date("2088-01-01"),
                        "last release 2088",
                        null,
                        date("2090-03-01"),
                        null)))
        .hasMessageContaining("cannot hold");
    assertThatThrownBy(
            () ->
                clocks.recordAbandonmentCheck(
                    cna,
                    c,
                    new AbandonmentCheck(
                        AbandonmentCriterion.NO_UPLOADS,
                        true,
                        null,
                        " ",
                        null,
                        date("2090-03-01"),
                        null)))
        .hasMessageContaining("Give the evidence");
    for (AbandonmentCriterion k : AbandonmentCriterion.values()) {
      if (k != AbandonmentCriterion.MAIL_BOUNCES) {
        clocks.recordAbandonmentCheck(cna, c, holding(k));
        assertThat(view(c).status()).isEqualTo(MaintainerStatus.BOUNCED);
        assertThat(planned(c)).isEqualTo(date("2090-03-15"));
      }
    }
    // The fifth: abandoned. No grace period, so the planned date is today; publish with a patch.
    DisclosureClock.Change done =
        clocks.recordAbandonmentCheck(cna, c, holding(AbandonmentCriterion.MAIL_BOUNCES));
    assertThat(done.message()).contains("abandoned", "publish with a patch");
    CaseClock v = view(c);
    assertThat(v.status()).isEqualTo(MaintainerStatus.ABANDONED);
    assertThat(v.status().publishWithPatch()).isTrue();
    assertThat(v.plannedDisclosure()).isEqualTo(date("2090-03-02"));
    assertThat(v.plannedSource()).isEqualTo("ABANDONED");
    assertThat(v.checks())
        .hasSize(5)
        .allSatisfy(
            k -> {
              assertThat(k.evidence()).startsWith("Checked ");
              assertThat(k.evidenceUrl()).isEqualTo("https://metacpan.org/dist/Embargoed-Dist");
              assertThat(k.checkedOn()).isEqualTo(date("2090-03-01"));
              assertThat(k.checkedBy()).isEqualTo("Carla");
            });
    assertThat(actions(c)).endsWith("ABANDONMENT_CHECK", "ABANDONED");
    // Rechecked: one condition no longer holds (a release turned up) — no longer abandoned.
    clocks.recordAbandonmentCheck(
        cna,
        c,
        new AbandonmentCheck(
            AbandonmentCriterion.NO_RELEASE,
            false,
            date("2089-12-01"),
            "A release in 2089",
            null,
            date("2090-03-02"),
            null));
    assertThat(view(c).status()).isEqualTo(MaintainerStatus.BOUNCED);
    assertThat(view(c).checks()).hasSize(5);
  }

  @Test
  void aMaintainerWhoDoesNotAnswerByThePlannedDateIsUnresponsive() {
    long c = newCase("MAINTAINER_CONTACTED", START);
    assertThat(view(c).status()).isEqualTo(MaintainerStatus.NOT_CONTACTED);
    assertThatThrownBy(
            () -> clocks.recordResponse(cna, c, DisclosureClock.Response.ANSWERED, START))
        .hasMessageContaining("Record the maintainer contact first");
    clocks.recordContact(cna, c, START);
    clock.set(at("2090-03-14T22:59:59Z"));
    assertThat(view(c).status()).isEqualTo(MaintainerStatus.AWAITING_ANSWER);
    // Midnight in Berlin on the planned date, no bounce, no answer: unresponsive; the 14 days
    // applied and the CNA publishes with a patch.
    clock.set(at("2090-03-14T23:00:00Z"));
    CaseClock v = view(c);
    assertThat(v.status()).isEqualTo(MaintainerStatus.UNRESPONSIVE);
    assertThat(v.status().gracePeriod()).isTrue();
    assertThat(v.status().publishWithPatch()).isTrue();
    assertThat(v.plannedDisclosure()).isEqualTo(date("2090-03-15"));
    // An answer, even late, changes that.
    clock.set(at("2090-03-15T08:00:00Z"));
    clocks.recordResponse(cna, c, DisclosureClock.Response.ANSWERED, at("2090-03-14T23:30:00Z"));
    assertThat(view(c).status()).isEqualTo(MaintainerStatus.ANSWERED);
  }

  @Test
  void deadlinesSayWhatIsDueAndWhatIsOverdueForTheAssignee() {
    Member mine = cna("Mia");
    long c = newCase("TRIAGE", START);
    long notMine = newCase("TRIAGE", START);
    assign(c, mine);
    // Six days after the report the contact is due, not overdue: 7 days, same local time.
    clock.set(at("2090-03-07T09:00:00Z"));
    Deadlines.Agenda agenda = deadlines.forMember(mine.id());
    assertThat(agenda.overdue()).isEmpty();
    assertThat(agenda.due())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.caseId()).isEqualTo(c);
              assertThat(d.caseReference()).isEqualTo(ref(c));
              assertThat(d.kind()).isEqualTo(DeadlineKind.MAINTAINER_CONTACT);
              assertThat(d.dueAt()).isEqualTo(at("2090-03-08T09:00:00Z"));
            });
    assertThat(deadlines.forCase(notMine).due()).hasSize(1);
    clock.set(at("2090-03-08T09:00:00Z"));
    assertThat(deadlines.forMember(mine.id()).overdue())
        .singleElement()
        .satisfies(d -> assertThat(d.kind()).isEqualTo(DeadlineKind.MAINTAINER_CONTACT));
    // Contacted (late): the contact is done; the planned date is what is due next.
    clock.set(at("2090-03-13T10:00:00Z"));
    clocks.recordContact(cna, c, at("2090-03-13T10:00:00Z"));
    agenda = deadlines.forMember(mine.id());
    assertThat(agenda.overdue()).isEmpty();
    // Planned 27 March, after the change to summer time (26 March): midnight CEST is 22:00 UTC.
    assertThat(agenda.due())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(DeadlineKind.DISCLOSURE_DATE);
              assertThat(d.dueAt()).isEqualTo(at("2090-03-26T22:00:00Z"));
            });
    clock.set(at("2090-03-26T21:59:59Z"));
    assertThat(deadlines.forMember(mine.id()).overdue()).isEmpty();
    clock.set(at("2090-03-26T22:00:00Z"));
    assertThat(deadlines.forMember(mine.id()).overdue()).hasSize(1);
    // Published: nothing is due any more.
    jdbc.sql("UPDATE cna_case SET state = 'PUBLISHED', published_at = ? WHERE id = ?")
        .params(utc(at("2090-03-27T08:00:00Z")), c)
        .update();
    assertThat(deadlines.forMember(mine.id()).isEmpty()).isTrue();
  }

  @Test
  void aDisputeIsDueForAcknowledgementWithinFiveBusinessDays() {
    Member mine = cna("Dora");
    long c = newCase("PUBLISHED", START);
    assign(c, mine);
    // Received Friday 22 December 2090, 16:00 Berlin; Monday 25 December is a holiday:
    // Tue 26, Wed 27, Thu 28, Fri 29, [Mon 1 January holiday] Tue 2 January, 16:00.
    Instant received = at("2090-12-22T15:00:00Z");
    clock.set(at("2090-12-23T10:00:00Z"));
    assertThatThrownBy(
            () -> clocks.recordDispute(cna, c, at("2090-12-24T10:00:00Z"), "x@example.org", "t"))
        .hasMessageContaining("in the future");
    assertThatThrownBy(() -> clocks.recordDispute(cna, c, received, "", "text"))
        .hasMessageContaining("Enter who sent the dispute");
    clocks.recordDispute(
        cna, c, received, "vendor@example.org", "The affected range is wrong: 1.2 is fine.");
    CaseClock.Dispute d = view(c).disputes().get(0);
    assertThat(d.acknowledgementDue()).isEqualTo(at("2091-01-02T15:00:00Z"));
    assertThat(deadlines.forMember(mine.id()).due())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.kind()).isEqualTo(DeadlineKind.DISPUTE_ACKNOWLEDGEMENT);
              assertThat(x.disputeId()).isEqualTo(d.id());
              assertThat(x.dueAt()).isEqualTo(at("2091-01-02T15:00:00Z"));
            });
    clock.set(at("2091-01-02T15:00:00Z"));
    assertThat(deadlines.forMember(mine.id()).overdue()).hasSize(1);
    assertThatThrownBy(() -> clocks.acknowledgeDispute(cna, c, d.id(), at("2090-12-21T10:00:00Z")))
        .hasMessageContaining("cannot be before the dispute was received");
    clocks.acknowledgeDispute(cna, c, d.id(), at("2091-01-02T14:00:00Z"));
    assertThat(deadlines.forMember(mine.id()).isEmpty()).isTrue();
    CaseClock.Dispute done = view(c).disputes().get(0);
    assertThat(done.acknowledgedAt()).isEqualTo(at("2091-01-02T14:00:00Z"));
    assertThat(done.acknowledgedBy()).isEqualTo("Carla");
    assertThatThrownBy(() -> clocks.acknowledgeDispute(cna, c, d.id(), clock.instant()))
        .hasMessageContaining("already acknowledged");
    assertThat(actions(c)).containsExactly("DISPUTE_RECEIVED", "DISPUTE_ACKNOWLEDGED");
  }
}
