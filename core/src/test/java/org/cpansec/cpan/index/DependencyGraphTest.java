package org.cpansec.cpan.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cpansec.manifest.Phase;
import org.cpansec.manifest.Relationship;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

  private static Requirement runtime(String module) {
    return new Requirement(module, Phase.RUNTIME, Relationship.REQUIRES, "0");
  }

  private static Requirement of(String module, Phase phase, Relationship rel) {
    return new Requirement(module, phase, rel, "0");
  }

  private static List<String> names(List<Dependent> ds) {
    return ds.stream().map(Dependent::distribution).toList();
  }

  @Test
  void directAndTransitiveDependentsWithDepthAndPathSortedByDepthThenName() {
    DependencyGraph g =
        DependencyGraph.builder()
            .require("libwww-perl", "HTTP-Message", runtime("HTTP::Response"))
            .require("libwww-perl", "HTTP-Message", runtime("HTTP::Request"))
            .require("Plack", "HTTP-Message", runtime("HTTP::Message"))
            .require("aaa-Client", "libwww-perl", runtime("LWP::UserAgent"))
            .require("Zed", "aaa-Client", runtime("Aaa::Client"))
            .distribution("Unrelated")
            .build();

    Downstream d = g.downstreamOf("HTTP-Message");

    assertThat(d.known()).isTrue();
    assertThat(names(d.runtime())).containsExactly("libwww-perl", "Plack", "aaa-Client", "Zed");
    assertThat(d.runtime()).extracting(Dependent::depth).containsExactly(1, 1, 2, 3);
    assertThat(d.buildTest()).isEmpty();
    assertThat(d.directRuntime()).isEqualTo(2);
    Dependent lwp = d.runtime().get(0);
    assertThat(lwp.steps())
        .containsExactly(
            new Step(
                "HTTP-Message",
                "libwww-perl",
                Scope.RUNTIME,
                List.of("HTTP::Request", "HTTP::Response")));
    assertThat(lwp.describe()).isEqualTo("libwww-perl (direct: HTTP::Request, HTTP::Response)");
    Dependent zed = d.runtime().get(3);
    assertThat(zed.path()).containsExactly("HTTP-Message", "libwww-perl", "aaa-Client", "Zed");
    assertThat(zed.describe())
        .isEqualTo("Zed (depth 3: HTTP-Message → libwww-perl → aaa-Client → Zed)");
    assertThat(g.downstreamOf("Zed").total()).isZero();
    assertThat(g.downstreamOf("Zed").known()).isTrue();
  }

  @Test
  void cyclesEndTheWalkAndEachDistributionAppearsOnceAtItsShortestDepth() {
    DependencyGraph g =
        DependencyGraph.builder()
            .require("B", "A", runtime("A::Mod"))
            .require("C", "B", runtime("B"))
            .require("A", "C", runtime("C"))
            .require("D", "C", runtime("C"))
            .require("D", "A", runtime("A"))
            .build();

    Downstream a = g.downstreamOf("A");

    assertThat(names(a.runtime())).containsExactly("B", "D", "C");
    assertThat(a.runtime()).extracting(Dependent::depth).containsExactly(1, 1, 2);
    assertThat(names(g.downstreamOf("C").runtime())).containsExactly("A", "D", "B");
  }

  @Test
  void selfRequirementsRecommendsDevelopAndPerlAddNoEdge() {
    DependencyGraph g =
        DependencyGraph.builder()
            .require("A", "A", runtime("A::Util"))
            .require("B", "A", of("A", Phase.RUNTIME, Relationship.RECOMMENDS))
            .require("C", "A", of("A", Phase.RUNTIME, Relationship.SUGGESTS))
            .require("D", "A", of("A", Phase.DEVELOP, Relationship.REQUIRES))
            .require("E", "A", of("A", Phase.RUNTIME, Relationship.CONFLICTS))
            .require("F", "perl", runtime("perl"))
            .build();

    assertThat(g.edges()).isZero();
    assertThat(g.distributions()).isEqualTo(7);
    assertThat(g.downstreamOf("A").total()).isZero();
    assertThat(g.downstreamOf("perl").total()).isZero();
  }

  @Test
  void buildAndTestDependentsAreListedSeparatelyWithTheHopThatNeedsIt() {
    DependencyGraph g =
        DependencyGraph.builder()
            // T needs D to run its tests; R needs T at runtime: installing R runs T's tests.
            .require("T", "D", of("D", Phase.TEST, Relationship.REQUIRES))
            .require("R", "T", runtime("T"))
            // M needs D both ways: a runtime dependent.
            .require("M", "D", of("D::Build", Phase.CONFIGURE, Relationship.REQUIRES))
            .require("M", "D", runtime("D"))
            // S needs M (runtime of D) only to build: build/test only.
            .require("S", "M", of("M", Phase.BUILD, Relationship.REQUIRES))
            // X is reached both ways: runtime wins, whatever the depth.
            .require("X", "T", runtime("T"))
            .require("X1", "M", runtime("M"))
            .require("X", "X1", runtime("X1"))
            .build();

    Downstream d = g.downstreamOf("D");

    assertThat(names(d.runtime())).containsExactly("M", "X1", "X");
    assertThat(d.runtime()).extracting(Dependent::depth).containsExactly(1, 2, 3);
    assertThat(names(d.buildTest())).containsExactly("T", "R", "S");
    Dependent t = d.buildTest().get(0);
    assertThat(t.describe()).isEqualTo("T (direct, build/test: D)");
    Dependent r = d.buildTest().get(1);
    assertThat(r.steps()).extracting(Step::scope).containsExactly(Scope.BUILD_TEST, Scope.RUNTIME);
    assertThat(r.describe()).isEqualTo("R (depth 2: D → T (build/test) → R)");
    assertThat(d.runtime().get(0).steps().get(0).modules()).containsExactly("D");
    assertThat(d.summary(100))
        .isEqualTo(
            """
            Downstream of D: 3 distributions need it at runtime (1 directly), 3 more need it only \
            to build or test.
            Runtime:
            - M (direct: D)
            - X1 (depth 2: D → M → X1)
            - X (depth 3: D → M → X1 → X)
            Build/test only:
            - T (direct, build/test: D)
            - R (depth 2: D → T (build/test) → R)
            - S (depth 2: D → M → S (build/test))
            """);
    assertThat(d.summary(2)).endsWith("- X1 (depth 2: D → M → X1)\n... and 4 more not listed.\n");
  }

  @Test
  void equalShortestPathsAreBrokenByNameSoTheAnswerIsStable() {
    DependencyGraph g =
        DependencyGraph.builder()
            .require("Pb", "D", runtime("D"))
            .require("Pa", "D", runtime("D"))
            .require("Z", "Pb", runtime("Pb"))
            .require("Z", "Pa", runtime("Pa"))
            .build();

    assertThat(g.downstreamOf("D").runtime().get(2).path()).containsExactly("D", "Pa", "Z");
  }

  @Test
  void anUnknownDistributionIsSaidToBeUnknownNotUnused() {
    Downstream d = DependencyGraph.builder().distribution("A").build().downstreamOf("Nope");

    assertThat(d.known()).isFalse();
    assertThat(d.summary(10)).isEqualTo("Nope is not in the CPAN index.");
    assertThat(DependencyGraph.builder().distribution("A").build().downstreamOf("A").summary(10))
        .isEqualTo("No distribution in the CPAN index depends on A.");
  }
}
