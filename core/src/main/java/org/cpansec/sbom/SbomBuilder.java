package org.cpansec.sbom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.cpansec.audit.AuditReport;
import org.cpansec.cpan.CpanPathname;
import org.cpansec.cpan.PauseId;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.Phase;
import org.cpansec.manifest.ProjectInfo;
import org.cpansec.manifest.Provided;
import org.cpansec.manifest.VersionSpec;

/**
 * Builds the {@link SbomDocument} of a project from its manifests: one component per locked or
 * installed distribution (a declared module requirement that no lock file resolves stays a
 * component named by its module, with its requirement), the graph of the snapshot's {@code
 * requirements} (module → the distribution that provides it), and the project's own requirements
 * with their phases.
 */
public final class SbomBuilder {

  /**
   * @param projectName the project's name when no META gives one (its directory's name)
   * @param toolVersion {@code cpansec x.y.z}, recorded as the tool that wrote the document
   * @param reproducible whether the stamp is derived from the content
   */
  public record Options(String projectName, String toolVersion, boolean reproducible) {}

  private final Options options;
  private final List<SnapshotReleases> releases = new ArrayList<>();
  private final Map<String, String> providedBy = new HashMap<>();
  private final Map<String, List<String>> provides = new HashMap<>();
  private final Map<String, Draft> drafts = new LinkedHashMap<>();
  private final Map<String, String> refByDistribution = new HashMap<>();
  private final Map<String, Set<String>> edges = new HashMap<>();
  private final Set<String> unresolved = new TreeSet<>();

  private SbomBuilder(Options options) {
    this.options = options;
  }

  /** The document for {@code manifests}, with the audit's findings when {@code audit} is given. */
  public static Result build(
      List<Manifest> manifests, Options options, Optional<AuditReport> audit) {
    SbomBuilder b = new SbomBuilder(options);
    for (Manifest m : manifests) {
      if (m.format().equals("cpanfile.snapshot")) {
        b.releases.add(SnapshotReleases.read(m.file()));
      }
      for (Provided p : m.provides()) {
        b.providedBy.putIfAbsent(p.module().value(), p.distribution().value());
        b.provides
            .computeIfAbsent(p.distribution().value(), k -> new ArrayList<>())
            .add(p.module().value());
      }
    }
    // Distributions first, so that a declared module finds the locked distribution providing it;
    // those whose author is known first of all, so that a release also named by an installed
    // module (author unknown) keeps its purl.
    for (boolean withAuthor : new boolean[] {true, false}) {
      for (Manifest m : manifests) {
        m.dependencies().stream()
            .filter(d -> d.isDirect() && d.distribution().isPresent())
            .filter(d -> d.author().isPresent() == withAuthor)
            .forEach(b::addComponent);
      }
    }
    for (Manifest m : manifests) {
      m.dependencies().stream()
          .filter(d -> d.isDirect() && d.distribution().isEmpty())
          .forEach(b::addComponent);
    }
    for (Manifest m : manifests) {
      m.dependencies().stream().filter(d -> !d.isDirect()).forEach(b::addEdge);
    }
    SbomComponent root = Root.of(manifests, options.projectName());
    List<SbomComponent> components = b.drafts.values().stream().map(Draft::build).toList();
    Map<String, List<String>> dependsOn = b.graph(root, components);
    List<SbomVulnerability> vulnerabilities =
        audit.map(r -> Vulnerabilities.of(r, root, components)).orElse(List.of());
    SbomDocument draft =
        new SbomDocument(
            root, components, dependsOn, vulnerabilities, SbomStamp.now(), options.toolVersion());
    if (options.reproducible()) {
      draft = draft.withStamp(SbomStamp.reproducible(fingerprint(draft)));
    }
    return new Result(draft, List.copyOf(b.unresolved));
  }

  /**
   * @param document the SBOM
   * @param unresolvedModules modules a locked distribution requires that no locked distribution
   *     provides (perl's own modules, or a snapshot that is incomplete): they are not in the graph
   */
  public record Result(SbomDocument document, List<String> unresolvedModules) {}

  private void addComponent(Dependency d) {
    if (d.module().isPresent() && d.module().get().isPerl()) {
      return; // "perl" is the interpreter the project needs, not a CPAN component.
    }
    if (d.distribution().isPresent()) {
      String dist = d.distribution().get().value();
      Optional<String> version = exactOrWritten(d.version());
      String key = dist + "@" + version.orElse("");
      Draft draft = drafts.computeIfAbsent(key, k -> distribution(d, dist, version));
      d.module().ifPresent(m -> draft.provides.add(m.value()));
      refByDistribution.putIfAbsent(dist, draft.ref);
      return;
    }
    String module = d.module().orElseThrow().value();
    String dist = providedBy.get(module);
    if (dist != null) {
      Optional.ofNullable(refByDistribution.get(dist))
          .map(this::draftByRef)
          .ifPresent(draft -> draft.phases.add(d.phase()));
      return;
    }
    Draft draft = drafts.computeIfAbsent("module:" + module, k -> moduleOnly(d, module));
    draft.phases.add(d.phase());
  }

  private Draft draftByRef(String ref) {
    return drafts.values().stream().filter(x -> x.ref.equals(ref)).findFirst().orElseThrow();
  }

  private Draft distribution(Dependency d, String dist, Optional<String> version) {
    Draft draft = new Draft(dist, version);
    Optional<PauseId> author = d.author();
    Optional<CpanPathname> path =
        version.flatMap(
            v -> releases.stream().flatMap(r -> r.pathname(dist, v).stream()).findFirst());
    if (author.isPresent()) {
      draft.purl = Optional.of(CpanRelease.purl(author.get(), dist, version));
      draft.links.addAll(CpanRelease.links(author.get(), dist, version, path));
    }
    if (path.isPresent()) {
      for (SnapshotReleases r : releases) {
        draft.sha256 = draft.sha256.or(() -> r.sha256(path.get()));
      }
    }
    version.flatMap(v -> installedMeta(dist, v)).ifPresent(meta -> draft.fromMeta(meta));
    draft.provides.addAll(provides.getOrDefault(dist, List.of()));
    draft.ref =
        draft.purl.orElse("cpan-distribution:" + dist + version.map(v -> "@" + v).orElse(""));
    return draft;
  }

  private Optional<ProjectInfo> installedMeta(String dist, String version) {
    return releases.stream().flatMap(r -> r.installedMeta(dist, version).stream()).findFirst();
  }

  private static Draft moduleOnly(Dependency d, String module) {
    Draft draft =
        new Draft(
            module,
            exactOrWritten(d.version()).filter(v -> d.version() instanceof VersionSpec.Exact));
    if (d.version() instanceof VersionSpec.Requirement r) {
      draft.requirement = Optional.of(r.range().toString());
    }
    draft.ref = "cpan-module:" + module + draft.version.map(v -> "@" + v).orElse("");
    return draft;
  }

  private static Optional<String> exactOrWritten(VersionSpec v) {
    if (v instanceof VersionSpec.Requirement) {
      return Optional.empty();
    }
    return v.written().isEmpty() ? Optional.empty() : Optional.of(v.written());
  }

  private void addEdge(Dependency d) {
    String from = refByDistribution.get(d.requiredBy().orElseThrow().value());
    String module = d.name();
    if (d.module().isPresent() && d.module().get().isPerl()) {
      return; // a minimum perl, not a component
    }
    String dist = providedBy.get(module);
    String to = dist == null ? null : refByDistribution.get(dist);
    if (to == null) {
      unresolved.add(module);
      return;
    }
    if (from != null && !from.equals(to)) {
      edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
    }
  }

  /**
   * Every ref with what it depends on. The project depends on what it declares; with only a lock
   * file (no declared requirements) on the distributions nothing else in the lock file requires.
   */
  private Map<String, List<String>> graph(SbomComponent root, List<SbomComponent> components) {
    Set<String> direct = new TreeSet<>();
    components.stream().filter(c -> !c.phases().isEmpty()).forEach(c -> direct.add(c.ref()));
    if (direct.isEmpty()) {
      Set<String> required = new LinkedHashSet<>();
      edges.values().forEach(required::addAll);
      components.stream()
          .map(SbomComponent::ref)
          .filter(r -> !required.contains(r))
          .forEach(direct::add);
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put(root.ref(), List.copyOf(direct));
    for (SbomComponent c : components) {
      out.put(c.ref(), List.copyOf(edges.getOrDefault(c.ref(), Set.of())));
    }
    return out;
  }

  private static String fingerprint(SbomDocument d) {
    StringBuilder s = new StringBuilder(d.root().label());
    d.components().forEach(c -> s.append('\n').append(c.ref()));
    d.vulnerabilities().forEach(v -> s.append('\n').append(v.id()).append(v.affects()));
    return s.toString();
  }

  /** A component while it is being gathered. */
  private static final class Draft {
    final String name;
    final Optional<String> version;
    String ref;
    Optional<String> purl = Optional.empty();
    Optional<String> sha256 = Optional.empty();
    Optional<String> requirement = Optional.empty();
    Optional<String> license = Optional.empty();
    Optional<String> description = Optional.empty();
    final Set<String> provides = new TreeSet<>();
    final Set<Phase> phases = new java.util.TreeSet<>();
    final List<SbomLink> links = new ArrayList<>();

    Draft(String name, Optional<String> version) {
      this.name = name;
      this.version = version;
    }

    /** Licence, abstract and repository from the release's own META. */
    void fromMeta(ProjectInfo meta) {
      license = SpdxLicense.ofAll(meta.licenses());
      description = meta.abstractText();
      meta.repository().ifPresent(u -> links.add(new SbomLink(SbomLink.Kind.REPOSITORY, u)));
    }

    SbomComponent build() {
      return new SbomComponent(
          ref,
          name,
          version,
          purl,
          description,
          List.of(),
          license,
          sha256,
          List.copyOf(provides),
          phases.stream().map(Phase::specName).toList(),
          requirement,
          links);
    }
  }
}
