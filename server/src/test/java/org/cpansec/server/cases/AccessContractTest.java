package org.cpansec.server.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The access rule of ADR 0008 at the service layer: every kind of viewer × every case state ×
 * sensitive or not, through every way of reading (the rule itself, the member's page, the external
 * view, search results and counts).
 */
abstract class AccessContractTest {
  @Autowired Cases cases;
  @Autowired CaseAccess access;
  @Autowired ExternalGrants grants;
  @Autowired ExternalCases external;
  @Autowired CaseComments comments;
  @Autowired JdbcClient jdbc;

  /** A case made for the matrix, with links of its own. */
  record Made(
      String ref,
      boolean sensitive,
      CaseState state,
      Viewer reporter,
      Viewer maintainer,
      Viewer revoked) {}

  /** What a viewer should see of a case. */
  enum Sight {
    NOTHING,
    MEMBER_VIEW,
    EXTERNAL_VIEW
  }

  @Test
  void everyViewerKindTimesEveryStateTimesSensitive() {
    Fixtures fx = new Fixtures(jdbc);
    Member creator = fx.cna("creator");
    Member namedCna = fx.cna("named");
    Member otherCna = fx.cna("othercna");
    Member cpansec = fx.member("cpansec", true, Role.CPANSEC_MEMBER);
    Member unsignedCna = fx.member("unsignedcna", false, Role.CNA_MEMBER, Role.CPANSEC_MEMBER);
    Member admin = fx.member("admin", true, Role.ADMIN);
    Member unsignedAdminCna = fx.member("unsignedadmin", false, Role.ADMIN, Role.CNA_MEMBER);
    Member noRoles = fx.member("noroles", true);

    List<Made> made = new ArrayList<>();
    String tag = "matrix-" + System.nanoTime();
    for (CaseState state : CaseState.values()) {
      for (boolean sensitive : new boolean[] {false, true}) {
        Fixtures.Report r = fx.report("Matrix-Dist", "1.0", "Rae", false);
        String ref =
            cases.openFromReport(r.id(), tag + " " + state + " " + sensitive, Viewer.of(creator));
        if (sensitive) {
          cases.setSensitive(ref, true, Viewer.of(creator));
          cases.name(ref, namedCna.id(), Viewer.of(creator));
        }
        Viewer maintainer =
            grants
                .resolve(
                    grants.create(ref, Party.MAINTAINER, "M", null, Viewer.of(creator)).token())
                .orElseThrow();
        ExternalGrants.Issued gone = grants.create(ref, Party.OTHER, "O", null, Viewer.of(creator));
        Viewer revoked = grants.resolve(gone.token()).orElseThrow();
        grants.revoke(ref, gone.grant().id(), Viewer.of(creator));
        fx.forceState(ref, state);
        made.add(
            new Made(
                ref,
                sensitive,
                state,
                grants.resolve(r.token().value()).orElseThrow(),
                maintainer,
                revoked));
      }
    }

    Map<String, Viewer> staff = new LinkedHashMap<>();
    staff.put("anonymous", Viewer.anonymous());
    staff.put("creator (CNA, named on sensitive)", Viewer.of(creator));
    staff.put("named CNA", Viewer.of(namedCna));
    staff.put("other CNA", Viewer.of(otherCna));
    staff.put("CPANSec member", Viewer.of(cpansec));
    staff.put("unsigned CNA", Viewer.of(unsignedCna));
    staff.put("admin only", Viewer.of(admin));
    staff.put("unsigned admin+CNA", Viewer.of(unsignedAdminCna));
    staff.put("member without roles", Viewer.of(noRoles));

    int checked = 0;
    for (Made m : made) {
      CaseRecord c = access.forMember(m.ref(), Viewer.of(m.sensitive() ? namedCna : creator));
      for (var e : staff.entrySet()) {
        String who = e.getKey();
        Sight expected =
            switch (who) {
              case "creator (CNA, named on sensitive)", "named CNA" -> Sight.MEMBER_VIEW;
              case "other CNA", "CPANSec member" ->
                  m.sensitive() ? Sight.NOTHING : Sight.MEMBER_VIEW;
              default -> Sight.NOTHING;
            };
        check(who, e.getValue(), m, c, expected, tag);
        checked++;
      }
      check("reporter link", m.reporter(), m, c, Sight.EXTERNAL_VIEW, tag);
      check("maintainer link", m.maintainer(), m, c, Sight.EXTERNAL_VIEW, tag);
      check("revoked link", m.revoked(), m, c, Sight.NOTHING, tag);
      checked += 3;
      // A link to another case sees nothing of this one.
      Made other = made.get((made.indexOf(m) + 1) % made.size());
      assertThat(access.maySee(other.maintainer(), c)).as("link to another case").isFalse();
    }
    assertThat(checked).isEqualTo(12 * 2 * (staff.size() + 3));

    // Counts per state follow the same rule.
    Map<CaseState, Integer> forCpansec = cases.countByState(Viewer.of(cpansec));
    Map<CaseState, Integer> forNamed = cases.countByState(Viewer.of(namedCna));
    for (CaseState s : CaseState.values()) {
      assertThat(forNamed.get(s) - forCpansec.get(s)).as(s.name()).isGreaterThanOrEqualTo(1);
    }
    assertThat(cases.countByState(Viewer.of(admin)).values()).allMatch(n -> n == 0);
    assertThat(cases.countByState(Viewer.anonymous()).values()).allMatch(n -> n == 0);
    assertThat(
            cases.countByState(made.get(0).maintainer()).values().stream().mapToInt(i -> i).sum())
        .isEqualTo(1);
    assertThat(cases.countByState(made.get(0).revoked()).values().stream().mapToInt(i -> i).sum())
        .isZero();
  }

  private void check(String who, Viewer viewer, Made m, CaseRecord c, Sight expected, String tag) {
    String what = who + " on " + m.ref() + " " + m.state() + (m.sensitive() ? " sensitive" : "");
    assertThat(access.maySee(viewer, c)).as(what).isEqualTo(expected != Sight.NOTHING);
    boolean listed =
        cases.search(new Cases.Query(Optional.of(tag), Optional.empty()), viewer).stream()
            .anyMatch(x -> x.reference().equals(m.ref()));
    assertThat(listed).as(what + " (search)").isEqualTo(expected != Sight.NOTHING);
    boolean listedByState =
        cases.search(new Cases.Query(Optional.of(tag), Optional.of(m.state())), viewer).stream()
            .anyMatch(x -> x.reference().equals(m.ref()));
    assertThat(listedByState).as(what + " (search by state)").isEqualTo(expected != Sight.NOTHING);
    if (expected == Sight.MEMBER_VIEW) {
      assertThat(cases.open(m.ref(), viewer).caseRecord().reference()).as(what).isEqualTo(m.ref());
    } else {
      assertThatThrownBy(() -> cases.open(m.ref(), viewer))
          .as(what)
          .isInstanceOf(CaseNotFoundException.class);
      assertThatThrownBy(() -> comments.add(m.ref(), "x", false, viewer))
          .as(what)
          .isInstanceOf(CaseNotFoundException.class);
    }
    if (expected == Sight.EXTERNAL_VIEW) {
      assertThat(external.view(viewer).reference()).as(what).isEqualTo(m.ref());
    } else {
      assertThatThrownBy(() -> external.view(viewer))
          .as(what)
          .isInstanceOf(CaseNotFoundException.class);
    }
  }
}
