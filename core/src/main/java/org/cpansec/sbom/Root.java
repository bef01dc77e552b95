package org.cpansec.sbom;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.ProjectInfo;

/** The project's own component: from META when a manifest gives it, else named by the caller. */
final class Root {
  private Root() {}

  static SbomComponent of(List<Manifest> manifests, String fallbackName) {
    Optional<ProjectInfo> info = manifests.stream().flatMap(m -> m.project().stream()).findFirst();
    if (info.isEmpty()) {
      return new SbomComponent(
          "project:" + fallbackName,
          fallbackName,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          List.of(),
          Optional.empty(),
          List.of());
    }
    ProjectInfo p = info.get();
    Optional<String> version = p.version().map(v -> v.written()).filter(v -> !v.isEmpty());
    List<SbomLink> links = new ArrayList<>();
    p.repository().ifPresent(u -> links.add(new SbomLink(SbomLink.Kind.REPOSITORY, u)));
    p.bugtracker().ifPresent(u -> links.add(new SbomLink(SbomLink.Kind.ISSUE_TRACKER, u)));
    p.homepage().ifPresent(u -> links.add(new SbomLink(SbomLink.Kind.HOMEPAGE, u)));
    return new SbomComponent(
        "project:" + p.name() + version.map(v -> "@" + v).orElse(""),
        p.name(),
        version,
        Optional.empty(),
        p.abstractText(),
        p.authors(),
        SpdxLicense.ofAll(p.licenses()),
        Optional.empty(),
        List.of(),
        List.of(),
        Optional.empty(),
        links);
  }
}
