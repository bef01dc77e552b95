package org.cpansec.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.Release;
import org.cpansec.cpan.CoreModules;
import org.cpansec.cpan.ModuleName;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.Provided;
import org.cpansec.manifest.SourceLocation;
import org.cpansec.manifest.VersionSpec;
import org.cpansec.version.PerlVersion;
import org.cpansec.version.VersionRange;

/**
 * Intersects the dependencies of a project with the advisory database.
 *
 * <p>A pinned version (snapshot, installed tree, SBOM) is <em>vulnerable</em> when an advisory's
 * affected ranges contain it and its fixed ranges do not. A declared requirement (cpanfile, META)
 * <em>allows a vulnerable version</em> when a known release inside it is affected. A version,
 * requirement or advisory range that cannot be read gives an <em>unknown</em> finding.
 */
public final class Auditor {

  /** The distribution name the advisory database uses for the perl interpreter itself. */
  public static final String PERL = "perl";

  private final AdvisoryDatabase db;
  private final CoreModules core;

  public Auditor(AdvisoryDatabase db, CoreModules core) {
    this.db = db;
    this.core = core;
  }

  public AuditReport audit(List<Manifest> manifests, AuditOptions options) {
    Matcher matcher = new Matcher(db, options.exclusions());
    ModuleResolver resolver =
        new ModuleResolver(provides(manifests), options.index(), db, core, options.perl());
    Map<String, List<VersionRange>> declared = declaredRequirements(manifests, resolver);
    Run run = new Run(matcher, declared);
    Set<String> unresolved = new TreeSet<>();
    Set<String> coreOnly = new TreeSet<>();
    int examined = 0;
    for (Manifest manifest : manifests) {
      for (Dependency dep : manifest.dependencies()) {
        if (dep.module().map(ModuleName::isPerl).orElse(false)) {
          continue;
        }
        if (!dep.isDirect() && !(dep.version() instanceof VersionSpec.Exact)) {
          // a requirement one dependency declares on another (the snapshot's graph) is not the
          // project's declaration: the pinned release of that dependency is what gets audited
          continue;
        }
        examined++;
        Optional<ModuleResolver.Resolution> where = resolve(dep, resolver);
        if (where.isEmpty()) {
          ModuleName module = dep.module().orElseThrow();
          (resolver.isCoreOnly(module) ? coreOnly : unresolved).add(module.value());
          continue;
        }
        if (where.get().distribution().equals(PERL) && dep.module().isPresent()) {
          // a module that ships only with perl: its version is not a perl version; perl itself
          // is audited with --perl
          coreOnly.add(dep.module().get().value());
          continue;
        }
        run.check(dep, where.get());
      }
    }
    options
        .perl()
        .ifPresent(
            p -> run.check(perlItself(p), new ModuleResolver.Resolution(PERL, "--perl option")));
    return new AuditReport(
        manifests,
        run.findings(),
        examined,
        new ArrayList<>(unresolved),
        new ArrayList<>(coreOnly),
        options.exclusions());
  }

  private static Optional<ModuleResolver.Resolution> resolve(
      Dependency dep, ModuleResolver resolver) {
    if (dep.distribution().isPresent()) {
      return Optional.of(
          new ModuleResolver.Resolution(dep.distribution().get().value(), "declared"));
    }
    return resolver.resolve(dep.module().orElseThrow());
  }

  private static Map<String, String> provides(List<Manifest> manifests) {
    Map<String, String> out = new HashMap<>();
    for (Manifest m : manifests) {
      for (Provided p : m.provides()) {
        out.putIfAbsent(p.module().value(), p.distribution().value());
      }
    }
    return out;
  }

  /** The requirements each distribution is declared with, for "does your range allow the fix". */
  private static Map<String, List<VersionRange>> declaredRequirements(
      List<Manifest> manifests, ModuleResolver resolver) {
    Map<String, List<VersionRange>> out = new HashMap<>();
    for (Manifest m : manifests) {
      for (Dependency dep : m.dependencies()) {
        if (dep.isDirect() && dep.version() instanceof VersionSpec.Requirement req) {
          resolve(dep, resolver)
              .ifPresent(
                  r ->
                      out.computeIfAbsent(r.distribution(), k -> new ArrayList<>())
                          .add(req.range()));
        }
      }
    }
    return out;
  }

  private static Dependency perlItself(PerlVersion perl) {
    return Dependency.module(
        ModuleName.of("perl"),
        new VersionSpec.Exact(perl),
        org.cpansec.manifest.Phase.RUNTIME,
        org.cpansec.manifest.Relationship.REQUIRES,
        Optional.empty(),
        SourceLocation.wholeFile(java.nio.file.Path.of("--perl")));
  }

  /** The findings of one audit, as they are made. */
  private static final class Run {
    private final Matcher matcher;
    private final Map<String, List<VersionRange>> declared;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> seen = new LinkedHashSet<>();

    Run(Matcher matcher, Map<String, List<VersionRange>> declared) {
      this.matcher = matcher;
      this.declared = declared;
    }

    List<Finding> findings() {
      return findings;
    }

    void check(Dependency dep, ModuleResolver.Resolution where) {
      String dist = where.distribution();
      List<Advisory> advisories = matcher.applicable(dist);
      if (advisories.isEmpty()) {
        return;
      }
      VersionSpec spec = dep.version();
      if (spec instanceof VersionSpec.Exact exact) {
        pinned(dep, where, advisories, exact.version());
      } else if (spec instanceof VersionSpec.Requirement req) {
        required(dep, where, advisories, req.range());
      } else {
        VersionSpec.Unknown unknown = (VersionSpec.Unknown) spec;
        add(
            FindingKind.UNKNOWN,
            dep,
            where,
            advisories,
            List.of(),
            Remediation.NONE,
            "cannot decide '" + unknown.written() + "': " + unknown.reason());
      }
    }

    private void pinned(
        Dependency dep, ModuleResolver.Resolution where, List<Advisory> advisories, PerlVersion v) {
      String dist = where.distribution();
      List<Advisory> hits = new ArrayList<>();
      for (Advisory a : advisories) {
        if (Matcher.affects(a, v)) {
          hits.add(a);
        }
      }
      if (!hits.isEmpty()) {
        Optional<Release> fix = matcher.lowestSafe(dist, v, false, advisories);
        add(FindingKind.VULNERABLE, dep, where, hits, List.of(), remediation(dist, fix), null);
      }
      undecidable(dep, where, Matcher.undecidable(advisories, v));
    }

    private void required(
        Dependency dep,
        ModuleResolver.Resolution where,
        List<Advisory> advisories,
        VersionRange r) {
      String dist = where.distribution();
      if (!matcher.knowsReleasesOf(dist)) {
        add(
            FindingKind.UNKNOWN,
            dep,
            where,
            advisories,
            List.of(),
            Remediation.NONE,
            "the database has no release list for "
                + dist
                + ", so the releases the requirement admits are not known");
        return;
      }
      List<Release> affected = new ArrayList<>();
      Set<Advisory> hits = new LinkedHashSet<>();
      for (Release release : matcher.releases(dist)) {
        Optional<PerlVersion> v = release.version();
        if (v.isEmpty() || !r.contains(v.get())) {
          continue;
        }
        boolean any = false;
        for (Advisory a : advisories) {
          if (Matcher.affects(a, v.get())) {
            hits.add(a);
            any = true;
          }
        }
        if (any) {
          affected.add(release);
        }
      }
      if (affected.isEmpty()) {
        return;
      }
      PerlVersion highest = affected.get(affected.size() - 1).version().orElseThrow();
      Optional<Release> fix = matcher.lowestSafe(dist, highest, true, advisories);
      add(
          FindingKind.ALLOWS_VULNERABLE,
          dep,
          where,
          List.copyOf(hits),
          affected,
          remediation(dist, fix),
          null);
    }

    private void undecidable(
        Dependency dep, ModuleResolver.Resolution where, List<Advisory> undecided) {
      if (undecided.isEmpty()) {
        return;
      }
      StringBuilder why = new StringBuilder();
      for (Advisory a : undecided) {
        why.append(why.length() == 0 ? "" : "; ")
            .append(a.id())
            .append(" has a range that cannot be read: ")
            .append(
                a.affected().stream()
                    .filter(x -> x.problem().isPresent())
                    .map(x -> "'" + x.text() + "' (" + x.problem().get() + ")")
                    .findFirst()
                    .orElse("(fixed range)"));
      }
      add(FindingKind.UNKNOWN, dep, where, undecided, List.of(), Remediation.NONE, why.toString());
    }

    private Remediation remediation(String dist, Optional<Release> fix) {
      List<VersionRange> ranges = declared.get(dist);
      if (fix.isEmpty() || ranges == null) {
        return new Remediation(fix, Optional.empty());
      }
      PerlVersion v = fix.get().version().orElseThrow();
      return new Remediation(fix, Optional.of(ranges.stream().allMatch(r -> r.contains(v))));
    }

    private void add(
        FindingKind kind,
        Dependency dep,
        ModuleResolver.Resolution where,
        List<Advisory> advisories,
        List<Release> affected,
        Remediation remediation,
        String reason) {
      String key =
          kind
              + "|"
              + where.distribution()
              + "|"
              + dep.version().written()
              + "|"
              + dep.source().file()
              + "|"
              + (reason == null ? "" : reason);
      if (!seen.add(key)) {
        return;
      }
      findings.add(
          new Finding(
              kind,
              where.distribution(),
              dep,
              advisories,
              affected,
              remediation,
              Optional.ofNullable(reason),
              Optional.of(where.how())));
    }
  }
}
