package org.cpansec.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.Release;
import org.cpansec.cpan.CoreModules;
import org.cpansec.cpan.DistName;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.SourceLocation;
import org.cpansec.manifest.VersionSpec;
import org.cpansec.version.PerlVersion;
import org.cpansec.version.VersionRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Properties of matching and remediation, checked on every release of every distribution that has
 * advisories in the real database: each release is audited as a pinned dependency and as a declared
 * requirement.
 */
class AuditPropertiesTest {

  private static AdvisoryDatabase db;
  private static Auditor auditor;

  @BeforeAll
  static void load() throws Exception {
    Path datapack = Path.of(AuditPropertiesTest.class.getResource("/datapack").toURI());
    db = AdvisoryDatabase.load(datapack.resolve("advisory-db/cpan-security-advisory.json"));
    auditor = new Auditor(db, CoreModules.bundled());
  }

  @Test
  void pinnedReleasesAreVulnerableExactlyWhenAnAdvisoryAffectsThemAndTheFixIsMinimal() {
    List<String> broken = new ArrayList<>();
    int releases = 0;
    int vulnerable = 0;
    for (String dist : db.distributions()) {
      List<Advisory> advisories = db.advisoriesFor(dist);
      for (Release r : db.releases(dist)) {
        if (r.version().isEmpty()) {
          continue;
        }
        PerlVersion v = r.version().get();
        releases++;
        Optional<Finding> f = audit(dist, new VersionSpec.Exact(v), FindingKind.VULNERABLE);
        boolean expected = Matcher.affectedByAny(advisories, v);
        if (f.isPresent() != expected) {
          broken.add(
              dist + " " + r.text() + ": vulnerable=" + f.isPresent() + ", expected " + expected);
          continue;
        }
        if (f.isEmpty()) {
          continue;
        }
        vulnerable++;
        for (Advisory a : f.get().advisories()) {
          if (!Matcher.affects(a, v)) {
            broken.add(dist + " " + r.text() + ": lists " + a.id() + " which does not affect it");
          }
        }
        Optional<Release> fix = f.get().remediation().upgradeTo();
        if (fix.isPresent()) {
          PerlVersion to = fix.get().version().orElseThrow();
          if (to.compareTo(v) < 0 || Matcher.affectedByAny(advisories, to) || to.isAlpha()) {
            broken.add(
                dist + " " + r.text() + ": fix " + fix.get().text() + " is not a safe upgrade");
          }
          for (Release between : db.releases(dist)) {
            Optional<PerlVersion> b = between.version();
            if (b.isPresent()
                && !b.get().isAlpha()
                && !between.text().contains("TRIAL")
                && !(dist.equals(Auditor.PERL) && b.get().components()[1] % 2 == 1)
                && b.get().compareTo(v) >= 0
                && b.get().compareTo(to) < 0
                && !Matcher.affectedByAny(advisories, b.get())) {
              broken.add(
                  dist
                      + " "
                      + r.text()
                      + ": "
                      + between.text()
                      + " is a lower safe release than "
                      + fix.get().text());
            }
          }
        }
      }
    }
    assertThat(releases).isGreaterThan(20_000);
    assertThat(vulnerable).isGreaterThan(5_000);
    assertThat(broken).isEmpty();
  }

  @Test
  void aRequirementAllowsVulnerableVersionsExactlyWhenAnAdmittedReleaseIsAffected() {
    List<String> broken = new ArrayList<>();
    for (String dist : db.distributions()) {
      List<Advisory> advisories = db.advisoriesFor(dist);
      for (Release r : db.releases(dist)) {
        if (r.version().isEmpty()) {
          continue;
        }
        VersionRange atLeast = VersionRange.parseRequirement(r.version().get().toString());
        boolean expected =
            db.releases(dist).stream()
                .anyMatch(
                    x ->
                        x.version().isPresent()
                            && atLeast.contains(x.version().get())
                            && Matcher.affectedByAny(advisories, x.version().get()));
        Optional<Finding> f =
            audit(dist, new VersionSpec.Requirement(atLeast), FindingKind.ALLOWS_VULNERABLE);
        if (f.isPresent() != expected) {
          broken.add(
              dist + " >= " + r.text() + ": finding=" + f.isPresent() + ", expected " + expected);
        } else if (f.isPresent()) {
          for (Release admitted : f.get().affectedReleases()) {
            if (!atLeast.contains(admitted.version().orElseThrow())) {
              broken.add(
                  dist + " >= " + r.text() + ": lists " + admitted.text() + " outside the range");
            }
          }
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  private static Optional<Finding> audit(String dist, VersionSpec spec, FindingKind kind) {
    Dependency dep =
        new Dependency(
            Optional.empty(),
            Optional.of(DistName.of(dist)),
            Optional.empty(),
            spec,
            org.cpansec.manifest.Phase.RUNTIME,
            org.cpansec.manifest.Relationship.REQUIRES,
            Optional.empty(),
            Optional.empty(),
            SourceLocation.wholeFile(Path.of("test")));
    Manifest m =
        new Manifest(Path.of("test"), "test", Optional.empty(), List.of(dep), List.of(), List.of());
    return auditor.audit(List.of(m), AuditOptions.defaults()).findings().stream()
        .filter(f -> f.kind() == kind)
        .findFirst();
  }
}
