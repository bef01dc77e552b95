package org.cpansec.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpansec.cpan.CpanPathname;
import org.cpansec.cpan.PauseId;

/** Where a CPAN release lives: its purl, MetaCPAN page and download URL. */
final class CpanRelease {
  static final String METACPAN = "https://metacpan.org/release/";
  static final String MIRROR = "https://cpan.metacpan.org/authors/id/";

  private CpanRelease() {}

  /** {@code pkg:cpan/AUTHOR/Dist-Name@version}, built and canonicalised by packageurl-java. */
  static String purl(PauseId author, String distribution, Optional<String> version) {
    try {
      return new PackageURL("cpan", author.value(), distribution, version.orElse(null), null, null)
          .canonicalize();
    } catch (MalformedPackageURLException e) {
      // Author and distribution were validated by PauseId and DistName; a failure here is a bug.
      throw new IllegalStateException("cannot build the purl of " + distribution, e);
    }
  }

  /** The MetaCPAN release page and, when the tarball's path is known, its download URL. */
  static List<SbomLink> links(
      PauseId author, String distribution, Optional<String> version, Optional<CpanPathname> path) {
    List<SbomLink> links = new ArrayList<>();
    if (path.isPresent()) {
      links.add(
          new SbomLink(
              SbomLink.Kind.RELEASE_PAGE, METACPAN + author + "/" + releaseName(path.get())));
      links.add(new SbomLink(SbomLink.Kind.DOWNLOAD, MIRROR + path.get().pathname()));
    } else if (version.isPresent()) {
      links.add(
          new SbomLink(
              SbomLink.Kind.RELEASE_PAGE,
              METACPAN + author + "/" + distribution + "-" + version.get()));
    }
    return links;
  }

  /** The release's name on MetaCPAN: the archive's file name without its extension. */
  static String releaseName(CpanPathname path) {
    String file = path.pathname().substring(path.pathname().lastIndexOf('/') + 1);
    return file.replaceFirst("\\.(?:tar\\.gz|tgz|tar\\.bz2|tbz|tar\\.xz|txz|tar|zip)$", "");
  }
}
